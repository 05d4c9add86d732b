import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkBuild, formatFinding, type BuildFinding } from '../../lib/heroku-build/index.js';
import { buildFromCommit, committedBuildTree, type CommittedTree } from './committed-tree.js';
import {
  installedVersions,
  installLikeHeroku,
  lockLikeUser,
  missingLock,
  pythonVersion,
  type PythonEnvironment,
} from './python-env.js';

/**
 * The steps between "the generator wrote a project" and "Heroku has built it", shared by the
 * end-to-end suites: make the lock the generator left to the user, commit, export the commit, check it
 * against Heroku's build rules, install the backend's dependencies like the Python buildpack.
 */

type Timed = <T>(step: string, work: () => Promise<T>) => Promise<T>;
const untimed: Timed = (_step, work) => work();

export interface CommittedBuild extends CommittedTree {
  /** What Heroku's build rules say about the commit: warnings only (errors throw). */
  warnings: BuildFinding[];
}

/**
 * Locks (when the format needs a lock the generator could not make), commits and exports the project
 * in `source` into `buildDir`, and refuses a commit that Heroku's build would refuse, with the rules' fixes.
 */
export async function commitForBuild(
  source: string,
  backendDir: string,
  buildDir: string,
  env: NodeJS.ProcessEnv,
  time: Timed = untimed,
): Promise<CommittedBuild> {
  const appDir = join(source, backendDir);
  if (missingLock(appDir)) await time('lock', () => lockLikeUser(appDir, env, `${buildDir}-scratch`));
  const tree = await time('commit + export', () => buildFromCommit(source, buildDir, env));
  const layout = existsSync(join(tree.dir, '.buildpacks')) ? 'subdir' : 'official';
  const findings = checkBuild(await committedBuildTree(tree, source, env), layout);
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) {
    throw new Error(`Heroku's build would refuse commit ${tree.commit}:\n${errors.map(formatFinding).join('\n')}`);
  }
  return { ...tree, warnings: findings };
}

export interface InstalledStack {
  python: PythonEnvironment;
  /** For the report: format, Python and the versions pip/uv/pipenv really installed. */
  facts: Record<string, string | undefined>;
}

/** Installs the exported backend's dependencies like the Python buildpack and reads what got installed. */
export async function installStack(
  backend: string,
  venv: string,
  env: NodeJS.ProcessEnv,
  time: Timed = untimed,
): Promise<InstalledStack> {
  const python = await time('python install', () => installLikeHeroku(backend, venv, env));
  const versions = await installedVersions(python);
  const facts = {
    deps: python.format,
    python: await pythonVersion(python),
    Django: versions.Django,
    psycopg: versions.psycopg ?? versions['psycopg2-binary'] ?? versions.psycopg2,
    whitenoise: versions.whitenoise,
    gunicorn: versions.gunicorn,
  };
  return { python, facts };
}
