import { joinRel, type RepoReader } from './fs.js';
import type { DjangoProject, ExistingDeployment } from './types.js';

const DOCKER_FILES = /^(Dockerfile|.*\.Dockerfile|docker-compose.*\.ya?ml|compose\.ya?ml|heroku\.yml)$/;

/** The deployment files the repo already has; the plan keeps the user's and says so. */
export function detectExisting(repo: RepoReader, backend: Pick<DjangoProject, 'dir' | 'herokuSettings'>): ExistingDeployment {
  const root = repo.list('')?.files ?? [];
  const backendFiles = repo.list(backend.dir)?.files ?? [];
  const inEither = (name: string): string | null =>
    backendFiles.includes(name) ? joinRel(backend.dir, name) : root.includes(name) ? name : null;
  return {
    procfile: root.includes('Procfile'),
    buildpacks: root.includes('.buildpacks'),
    appJson: root.includes('app.json'),
    runtimeTxt: inEither('runtime.txt'),
    pythonVersionFile: inEither('.python-version'),
    rootRequirements: root.includes('requirements.txt'),
    docker: [...new Set([...root, ...backendFiles.map((f) => joinRel(backend.dir, f))])].filter((f) => DOCKER_FILES.test(f.split('/').pop() ?? '')).sort(),
    herokuSettings: repo.isFile(backend.herokuSettings.file),
  };
}
