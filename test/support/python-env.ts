import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecked, type CommandResult } from './processes.js';

/**
 * The Python stack a project really deploys with: a fresh virtual environment per project, with the
 * project's own pinned dependencies installed from PyPI by the command Heroku's Python buildpack runs
 * for its dependency format. The tools (pip, uv, pipenv, poetry, pinned in .ci/python-tools.txt) live in their
 * own venv, .tools/python, installed by .ci/install-python-tools; downloads are cached in .cache/ of
 * this clone, so reruns and the projects of one run share them.
 */

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const PYTHON_TOOLS_BIN = join(PACKAGE_ROOT, '.tools', 'python', 'bin');
export const PYTHON_CACHE = join(PACKAGE_ROOT, '.cache');

/** For missingPrerequisites(): the tools venv that .ci/install-python-tools makes. */
export const PYTHON_TOOLS_PREREQUISITES: Record<string, () => boolean> = {
  'Python tools pip, uv and pipenv in .tools/python (.ci/install-python-tools)': () =>
    ['python', 'pip', 'uv', 'pipenv'].every((tool) => existsSync(join(PYTHON_TOOLS_BIN, tool))),
};

export type DependencyFormat = 'pip' | 'uv' | 'pipenv' | 'poetry';

/** The file that tells the Python buildpack which package manager an app folder uses. */
const FORMAT_FILES: ReadonlyArray<[DependencyFormat, string]> = [
  ['pip', 'requirements.txt'],
  ['pipenv', 'Pipfile'],
  ['uv', 'uv.lock'],
  ['poetry', 'poetry.lock'],
];

/** The app folder's dependency format; like the buildpack, refuses none or more than one. */
export function dependencyFormat(appDir: string): DependencyFormat {
  const found = FORMAT_FILES.filter(([, file]) => existsSync(join(appDir, file)));
  if (found.length !== 1) {
    const names = found.map(([, file]) => file).join(', ') || 'none';
    throw new Error(`${appDir} needs exactly one of requirements.txt, Pipfile, uv.lock, poetry.lock (found: ${names})`);
  }
  return found[0][0];
}

/**
 * The lock a project still needs before its first push when the generator could not make it
 * (`--skip-install`, or the tool missing): `pipenv lock` for a Pipfile, `uv lock` for a pyproject.toml.
 */
export function missingLock(appDir: string): MissingLock | undefined {
  const has = (file: string) => existsSync(join(appDir, file));
  if (has('Pipfile') && !has('Pipfile.lock')) {
    return { tool: 'pipenv', args: ['lock'], inputs: ['Pipfile', '.python-version'], lock: 'Pipfile.lock' };
  }
  if (has('pyproject.toml') && !has('uv.lock') && !has('requirements.txt') && !has('poetry.lock')) {
    return { tool: 'uv', args: ['lock'], inputs: ['pyproject.toml', '.python-version'], lock: 'uv.lock' };
  }
  return undefined;
}

export interface MissingLock {
  tool: 'pipenv' | 'uv';
  args: string[];
  /** The files the lock is made from: the same files give the same lock. */
  inputs: string[];
  lock: string;
}

// Locks made in this process, by their inputs: pipenv takes ~15 s to resolve the same pins again.
const madeLocks = new Map<string, string>();

/** Makes the missing lock as a user would, with the pinned tool; `scratch` holds pipenv's resolver venv. */
export async function lockLikeUser(
  appDir: string,
  env: NodeJS.ProcessEnv,
  scratch: string,
): Promise<CommandResult | undefined> {
  const lock = missingLock(appDir);
  if (!lock) return undefined;
  const read = (file: string) => (existsSync(join(appDir, file)) ? readFileSync(join(appDir, file), 'utf8') : '');
  const key = [lock.tool, ...lock.inputs.map(read)].join('\0');
  const made = madeLocks.get(key);
  if (made !== undefined) {
    writeFileSync(join(appDir, lock.lock), made);
    return { code: 0, signal: null, output: `${lock.lock} as locked before from the same files\n`, ms: 0 };
  }
  const lockEnv = {
    ...toolEnvironment(env),
    UV_PYTHON_DOWNLOADS: 'never',
    WORKON_HOME: join(scratch, 'pipenv-venvs'),
    PIPENV_VERBOSITY: '-1',
    PIPENV_NOSPIN: '1',
  };
  const result = await runChecked(join(PYTHON_TOOLS_BIN, lock.tool), lock.args, {
    cwd: appDir,
    env: lockEnv,
    timeoutMs: 600_000,
  });
  madeLocks.set(key, read(lock.lock));
  return result;
}

export interface PythonEnvironment {
  format: DependencyFormat;
  /** The virtual environment's folder; its bin/ holds python, gunicorn, django-admin. */
  venv: string;
  bin: string;
  python: string;
  /** The environment given, with the venv's bin first on PATH: the Procfile's `python`/`gunicorn` resolve there. */
  env: NodeJS.ProcessEnv;
  /** The install command's output and duration. */
  install: CommandResult;
}

/**
 * Poetry's cache in this clone, no keyring lookups (they can wait for a desktop prompt), and no venv of
 * its own for `poetry lock`/`add` (it would leave one per temporary repo in the cache; locking installs nothing).
 */
export const POETRY_QUIET = {
  POETRY_CACHE_DIR: join(PYTHON_CACHE, 'poetry'),
  PYTHON_KEYRING_BACKEND: 'keyring.backends.null.Keyring',
  POETRY_NO_INTERACTION: '1',
  POETRY_VIRTUALENVS_CREATE: 'false',
};

/**
 * Poetry is needed by the Poetry recipes only: they fail (never skip) with this when a tools venv made
 * before poetry joined .ci/python-tools.txt lacks it, and every other test keeps running.
 */
export function requirePoetry(): string {
  const poetry = join(PYTHON_TOOLS_BIN, 'poetry');
  if (!existsSync(poetry)) throw new Error(`${poetry} is missing: run \`bash .ci/install-python-tools\` (poetry is pinned in .ci/python-tools.txt)`);
  return poetry;
}

/** The caches and quiet switches every install shares; none of them changes what gets installed. */
function toolEnvironment(baseEnv: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  mkdirSync(PYTHON_CACHE, { recursive: true });
  return {
    ...baseEnv,
    PIP_CACHE_DIR: join(PYTHON_CACHE, 'pip'),
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_NO_INPUT: '1',
    PIP_PROGRESS_BAR: 'off',
    UV_CACHE_DIR: join(PYTHON_CACHE, 'uv'),
    // The cache and the venvs are on different filesystems: copy instead of warning about hardlinks.
    UV_LINK_MODE: 'copy',
    PIPENV_CACHE_DIR: join(PYTHON_CACHE, 'pipenv'),
    ...POETRY_QUIET,
  };
}

/** A new, empty venv on the tools' interpreter (venv bases it on the real Python, not on the tools venv). */
export async function createVenv(venv: string, env: NodeJS.ProcessEnv): Promise<void> {
  await runChecked(join(PYTHON_TOOLS_BIN, 'python'), ['-m', 'venv', '--without-pip', venv], {
    cwd: PACKAGE_ROOT,
    env,
    timeoutMs: 60_000,
  });
}

/** `pip install ARGS` into the venv, with the tools' pinned pip (the buildpack brings its own pip too). */
export function pipInstall(venv: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return runChecked(join(PYTHON_TOOLS_BIN, 'pip'), ['--python', join(venv, 'bin', 'python'), 'install', ...args], {
    cwd,
    env: toolEnvironment(env),
    timeoutMs: 600_000,
  });
}

/** The buildpack's install command for each format, run in the app folder (classic Python buildpack v351). */
function installCommand(
  format: DependencyFormat,
  venv: string,
  env: NodeJS.ProcessEnv,
): [string, string[], NodeJS.ProcessEnv] {
  const tools = toolEnvironment(env);
  switch (format) {
    case 'pip':
      return [
        join(PYTHON_TOOLS_BIN, 'pip'),
        ['--python', join(venv, 'bin', 'python'), 'install', '-r', 'requirements.txt'],
        tools,
      ];
    case 'pipenv': {
      // The buildpack makes Pipenv manage its Python's own site-packages: PIPENV_SYSTEM + VIRTUAL_ENV.
      // A PIPENV_IGNORE_VIRTUALENVS the caller set for locking would make it skip packages it finds in
      // another Python (typing_extensions, say) and leave this one without them: the buildpack sets none.
      const { PIPENV_IGNORE_VIRTUALENVS: _locking, ...buildpack } = tools;
      return [
        join(PYTHON_TOOLS_BIN, 'pipenv'),
        ['install', '--deploy'],
        {
          ...buildpack,
          PATH: `${join(venv, 'bin')}:${env.PATH ?? ''}`,
          PIPENV_SYSTEM: '1',
          VIRTUAL_ENV: venv,
          PIPENV_VERBOSITY: '-1',
          PIPENV_NOSPIN: '1',
        },
      ];
    }
    case 'uv':
      // The buildpack points uv at its Python and forbids uv's own Python downloads.
      return [
        join(PYTHON_TOOLS_BIN, 'uv'),
        ['sync', '--locked', '--no-default-groups', '--compile-bytecode', '--no-progress'],
        { ...tools, UV_PROJECT_ENVIRONMENT: venv, UV_NO_MANAGED_PYTHON: '1', UV_PYTHON_DOWNLOADS: 'never' },
      ];
    case 'poetry':
      // lib/poetry.sh: Poetry installs into the build's Python (here the fresh venv), main group only.
      return [
        requirePoetry(),
        ['sync', '--only', 'main', '--compile', '--no-ansi', '--no-interaction'],
        {
          ...tools,
          PATH: `${join(venv, 'bin')}:${env.PATH ?? ''}`,
          VIRTUAL_ENV: venv,
          POETRY_VIRTUALENVS_CREATE: 'false',
          POETRY_VIRTUALENVS_USE_POETRY_PYTHON: 'true',
        },
      ];
  }
}

/**
 * Installs the app folder's dependencies into a fresh venv at `venv`, as the Python buildpack would:
 * `pip install -r requirements.txt`, `pipenv install --deploy`, `uv sync --locked` or `poetry sync --only main`, as the
 * project's files say. A Pipfile or uv.lock that names a Python other than this machine's 3.11 fails,
 * as it would on a build with another Python: generate those projects with `--python 3.11`.
 */
export async function installLikeHeroku(
  appDir: string,
  venv: string,
  env: NodeJS.ProcessEnv,
): Promise<PythonEnvironment> {
  const format = dependencyFormat(appDir);
  await createVenv(venv, env);
  const [command, args, installEnv] = installCommand(format, venv, env);
  const install = await runChecked(command, args, { cwd: appDir, env: installEnv, timeoutMs: 600_000 });
  return withVenv(format, venv, env, install);
}

export function withVenv(
  format: DependencyFormat,
  venv: string,
  env: NodeJS.ProcessEnv,
  install: CommandResult,
): PythonEnvironment {
  const bin = join(venv, 'bin');
  return { format, venv, bin, python: join(bin, 'python'), env: { ...env, PATH: `${bin}:${env.PATH ?? ''}` }, install };
}

/** The distributions a report names, as installed in the venv (undefined when not installed). */
export const STACK_DISTRIBUTIONS = [
  'Django',
  'psycopg',
  'psycopg2',
  'psycopg2-binary',
  'whitenoise',
  'gunicorn',
  'dj-database-url',
];

/** Versions of installed distributions, read from the venv's own metadata. */
export async function installedVersions(
  python: PythonEnvironment,
  distributions: readonly string[] = STACK_DISTRIBUTIONS,
): Promise<Record<string, string | undefined>> {
  const script = [
    'import json, sys',
    'from importlib import metadata',
    'def version(name):',
    '    try:',
    '        return metadata.version(name)',
    '    except metadata.PackageNotFoundError:',
    '        return None',
    'print(json.dumps({name: version(name) for name in sys.argv[1:]}))',
  ].join('\n');
  const result = await runChecked(python.python, ['-c', script, ...distributions], {
    cwd: python.venv,
    env: python.env,
    timeoutMs: 30_000,
  });
  const versions = JSON.parse(result.output.trim().split('\n').at(-1)!) as Record<string, string | null>;
  return Object.fromEntries(Object.entries(versions).map(([name, version]) => [name, version ?? undefined]));
}

/** The venv's Python version, e.g. "3.11.7". */
export async function pythonVersion(python: PythonEnvironment): Promise<string> {
  const result = await runChecked(python.python, ['-c', 'import platform; print(platform.python_version())'], {
    cwd: python.venv,
    env: python.env,
    timeoutMs: 30_000,
  });
  return result.output.trim();
}
