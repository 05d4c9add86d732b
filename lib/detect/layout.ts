import { detectBackend, type BackendChoices } from './backend.js';
import { detectClient, type ClientChoices } from './client.js';
import { detectExisting } from './existing.js';
import { joinRel, RepoReader, type DetectFs } from './fs.js';
import { checkPipelines, detectPipelines } from './pipelines.js';
import { choosePython, pythonLine, pythonsFor } from './python-version.js';
import { detectPythonDependencies, pinnedDjangoVersion } from './python-deps.js';
import { scanRepo } from './scan.js';
import { LayoutError, type DetectedLayout } from './types.js';

export interface LayoutChoices extends BackendChoices, Omit<ClientChoices, 'exclude'> {
  /** Python major.minor for `.python-version`. */
  python?: string;
  /** Switch a repo that already deploys another way (root heroku-postbuild, official buildpacks...). */
  replacePipeline?: boolean;
  /** `official` keeps those pipelines: Heroku's own buildpacks build the root as they do today. */
  deployLayout?: 'subdir' | 'official';
}

// Variables the Heroku settings read themselves, or Heroku sets on every dyno.
const PROVIDED_ENV = new Set(['DJANGO_SECRET_KEY', 'DATABASE_URL', 'ALLOWED_HOSTS', 'DJANGO_DEBUG', 'CSRF_TRUSTED_ORIGINS', 'DJANGO_HSTS_SECONDS', 'DATABASE_SSL_REQUIRE', 'PORT', 'DYNO', 'WEB_CONCURRENCY', 'DJANGO_SETTINGS_MODULE']);

/**
 * Reads an existing repo and says where its Django project and client are and how they are built.
 * Every value given in `choices` (from a flag) wins over detection. Throws a LayoutError naming what
 * is missing and the flag that supplies it, or an AmbiguousLayoutError listing the candidates.
 */
export function detectLayout(fs: DetectFs, root: string, choices: LayoutChoices = {}): DetectedLayout {
  const repo = new RepoReader(fs, root);
  const scan = scanRepo(repo);
  const backend = detectBackend(repo, scan, choices);
  const pythonDeps = detectPythonDependencies(repo, backend.dir);
  backend.djangoVersion = pinnedDjangoVersion(repo, pythonDeps);
  const client = detectClient(repo, scan, { ...choices, exclude: backend.dir === '' ? [] : [backend.dir] });
  const existing = detectExisting(repo, backend);
  const pipelines = choices.deployLayout === 'official' ? [] : detectPipelines(repo, backend.dir, client?.dir ?? null);
  const warnings: string[] = checkPipelines(pipelines, choices.replacePipeline === true);

  const python = choosePython(repo, backend.dir, backend.djangoVersion, choices.python);
  // The buildpack reads these files in the backend folder itself: one that asks for a Python that
  // cannot run would fail the build whatever the retrofit writes.
  for (const name of ['.python-version', 'runtime.txt']) {
    const file = joinRel(backend.dir, name);
    const line = pythonLine(repo.read(file) ?? '');
    if (line && line !== python.version) {
      throw new LayoutError(
        `${file} asks for Python ${line}, but ${python.version} is the one to deploy (${pythonsFor(backend.djangoVersion).join(', ')} run this Django on Heroku). ` +
          `The buildpack reads that file and the retrofit never rewrites yours: ` +
          `${name === 'runtime.txt' ? `delete ${file} (deprecated; .python-version replaces it)` : `change it to ${python.version}`} and run again.`,
        'python',
      );
    }
  }
  if (python.note) warnings.push(python.note);

  if (existing.runtimeTxt) warnings.push(`${existing.runtimeTxt} is deprecated on Heroku; .python-version replaces it (you may delete it).`);
  if (existing.docker.length > 0) warnings.push(`Docker files found (${existing.docker.join(', ')}); the Heroku deployment does not use them.`);
  if (backend.usesWhiteNoise) warnings.push('Your settings already mention WhiteNoise; the Heroku settings add it only where it is missing.');
  const otherPackageFiles = ['requirements.txt', 'Pipfile', 'pyproject.toml'].filter(
    (name) => repo.isFile(backend.dir ? `${backend.dir}/${name}` : name) && !pythonDeps.file.endsWith(name),
  );
  if (pythonDeps.kind !== 'requirements-folder' && otherPackageFiles.length > 0) {
    warnings.push(`Heroku's Python buildpack uses one dependency file per folder; ${pythonDeps.file} is the one used, ${otherPackageFiles.join(', ')} ignored.`);
  }
  if (client && client.lockFile === null) {
    warnings.push(`${client.dir || '.'}/ has no lock file; Heroku's Node.js buildpack will install with npm and unpinned versions.`);
  } else if (client?.lockFile && client.dir !== '' && !client.lockFile.startsWith(`${client.dir}/`)) {
    warnings.push(
      `The client's lock file is ${client.lockFile}, but the Node.js buildpack runs inside ${client.dir}/ and will not see it; ` +
        `give ${client.dir}/ its own lock file for reproducible builds.`,
    );
  }
  if (client && client.lockFiles.length > 1) {
    warnings.push(`${client.dir || '.'}/ has ${client.lockFiles.length} lock files (${client.lockFiles.join(', ')}): Heroku's Node.js buildpack fails on that. Delete all but the one of the package manager you use.`);
  }
  if (client && !client.buildsIndex) {
    warnings.push(`The client's build writes no index.html (its pages come from your Django templates, e.g. django-vite): your own views serve every page; only unknown /api/ paths get a JSON 404.`);
  }
  if (backend.staticStorage) warnings.push(`Your static-files storage ${backend.staticStorage} is kept in production (not replaced by WhiteNoise's Manifest storage).`);
  const unset = backend.settingsEnv.filter((v) => !PROVIDED_ENV.has(v.name));
  if (unset.length > 0) {
    const required = unset.filter((v) => v.required).map((v) => v.name);
    warnings.push(
      `Your settings read ${unset.map((v) => v.name).join(', ')} from the environment; the production settings set only DJANGO_SECRET_KEY, DATABASE_URL and ALLOWED_HOSTS. ` +
        (required.length > 0 ? `${required.join(', ')} ${required.length === 1 ? 'has' : 'have'} no default, so the app fails at import until you set ${required.length === 1 ? 'it' : 'them'}: \`heroku config:set ${required.map((n) => `${n}=...`).join(' ')}\`.` : 'Each has a default; set them on the app where the default is wrong for production.'),
    );
  }
  for (const module of backend.missingImports) {
    warnings.push(`Your settings import ${module}, which will not be deployed (only committed files are): commit it, or guard the import with try/except ImportError.`);
  }
  if (scan.ignored.length > 0 && scan.ignored.length <= 5) warnings.push(`Not searched (git-ignored or a virtualenv): ${scan.ignored.join(', ')}.`);

  return { backend, client, pythonDeps, existing, python, warnings };
}
