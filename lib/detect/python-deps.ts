import path from 'node:path/posix';
import { joinRel, parentOf, type RepoReader } from './fs.js';
import { LayoutError, type PythonDependencies } from './types.js';

// The production file of a requirements/ folder, in the names projects give it.
const PRODUCTION_REQUIREMENTS = ['production', 'prod', 'heroku', 'deploy', 'base', 'common', 'requirements'];

/** `Django_Rest-Framework[extra]` -> `django-rest-framework`: PEP 503 names, extras dropped. */
export function normalizePackage(name: string): string {
  return name.replace(/\[.*$/, '').trim().toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * The backend's dependency file. Heroku's Python buildpack runs inside the backend folder, so it is
 * looked for there; a requirements.txt at the repo root is accepted too (a bridging file is planned).
 */
export function detectPythonDependencies(repo: RepoReader, backendDir: string): PythonDependencies {
  const found = inFolder(repo, backendDir);
  if (found) return found;
  if (backendDir !== '' && repo.isFile('requirements.txt')) {
    return { kind: 'requirements', file: 'requirements.txt', lockFile: null, declared: requirementNames(repo, 'requirements.txt') };
  }
  const elsewhere = ['Pipfile', 'pyproject.toml'].filter((file) => repo.isFile(file) && backendDir !== '');
  if (elsewhere.length > 0) {
    throw new LayoutError(
      `The backend's dependencies are in ${elsewhere[0]} at the repo root, but Heroku's Python buildpack runs inside ` +
        `${backendDir}/ and cannot see it. Move ${elsewhere[0]} (and its lock file) next to manage.py, or add a ` +
        `${backendDir}/requirements.txt, and run again.`,
      'backend',
    );
  }
  throw new LayoutError(
    `No Python dependency file found for the backend in ${backendDir || 'the repo root'}/ ` +
      '(requirements.txt, requirements/*.txt, Pipfile or pyproject.toml). Create one that lists Django, and run again.',
    'backend',
  );
}

/** Lock files Heroku's Python buildpack installs from on its own, and how. */
const LOCKS_THE_BUILDPACK_INSTALLS = [
  { file: 'poetry.lock', installs: 'poetry sync --only main' },
  { file: 'uv.lock', installs: 'uv sync --locked' },
  { file: 'Pipfile.lock', installs: 'pipenv install --deploy' },
] as const;

function inFolder(repo: RepoReader, dir: string): PythonDependencies | undefined {
  const listing = repo.list(dir);
  if (!listing) return undefined;
  const at = (name: string): string => joinRel(dir, name);
  const lock = LOCKS_THE_BUILDPACK_INSTALLS.find(({ file }) => listing.files.includes(file));
  if (listing.files.includes('requirements.txt') && lock) {
    // An export (`poetry export`, `uv export`, `pipenv requirements`) committed beside the lock: the
    // buildpack fails on the pair, and the retrofit deletes nothing of the user's.
    throw new LayoutError(
      `${dir || 'The repo root'}${dir ? '/' : ''} holds both requirements.txt and ${lock.file}, and Heroku's Python buildpack refuses to build a folder ` +
        `with two package-manager files. It installs ${lock.file} itself (\`${lock.installs}\`), so an exported requirements.txt is not needed: ` +
        `run \`git rm ${at('requirements.txt')}\`, commit, and run again (to deploy with pip instead, \`git rm ${at(lock.file)}\`).`,
      '',
    );
  }
  if (listing.files.includes('requirements.txt')) {
    return { kind: 'requirements', file: at('requirements.txt'), lockFile: null, declared: requirementNames(repo, at('requirements.txt')) };
  }
  if (listing.files.includes('Pipfile')) {
    const text = repo.read(at('Pipfile')) ?? '';
    return { kind: 'pipenv', file: at('Pipfile'), lockFile: at('Pipfile.lock'), declared: tomlTableKeys(text, 'packages') };
  }
  if (listing.files.includes('pyproject.toml')) {
    const text = repo.read(at('pyproject.toml')) ?? '';
    const poetry = /^\[tool\.poetry\.dependencies\]/m.test(text) || listing.files.includes('poetry.lock');
    if (poetry || /^\[project\]/m.test(text)) {
      const declared = [...tomlTableKeys(text, 'tool.poetry.dependencies'), ...projectDependencyNames(text)];
      return poetry
        ? { kind: 'poetry', file: at('pyproject.toml'), lockFile: at('poetry.lock'), declared }
        : { kind: 'uv', file: at('pyproject.toml'), lockFile: at('uv.lock'), declared };
    }
  }
  if (listing.dirs.includes('requirements')) {
    const txt = (repo.list(at('requirements'))?.files ?? []).filter((name) => name.endsWith('.txt'));
    const production = PRODUCTION_REQUIREMENTS.map((name) => `${name}.txt`).find((name) => txt.includes(name)) ?? (txt.length === 1 ? txt[0] : undefined);
    if (production) {
      const file = at(`requirements/${production}`);
      return { kind: 'requirements-folder', file, lockFile: null, declared: requirementNames(repo, file) };
    }
  }
  return undefined;
}

/** Package names of a requirements file and the files it includes with `-r`. */
function requirementNames(repo: RepoReader, file: string): string[] {
  return requirementFiles(repo, file).flatMap((included) =>
    (repo.read(included) ?? '')
      .split(/\r?\n/)
      .map((raw) => raw.replace(/(^|\s)#.*$/, '').trim())
      .filter((line) => /^[A-Za-z0-9]/.test(line))
      .map((line) => normalizePackage(/^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?/.exec(line)?.[0] ?? line)),
  );
}

/** Keys of one `[table]` of a TOML file: dependency names in Pipfile and Poetry. */
export function tomlTableKeys(text: string, table: string): string[] {
  const body = tomlTable(text, table);
  if (body === undefined) return [];
  return [...body.matchAll(/^\s*["']?([A-Za-z0-9][A-Za-z0-9._-]*)["']?\s*=/gm)].map((m) => normalizePackage(m[1])).filter((name) => name !== 'python');
}

export function tomlTable(text: string, table: string): string | undefined {
  const escaped = table.replace(/\./g, '\\.');
  const match = new RegExp(`^\\[${escaped}\\][^\\n]*\\n([\\s\\S]*?)(?=^\\[|$(?![\\s\\S]))`, 'm').exec(text);
  return match?.[1];
}

/** Names in PEP 621's `[project] dependencies = [...]`. */
export function projectDependencyNames(text: string): string[] {
  const body = tomlTable(text, 'project') ?? '';
  // Multi-line arrays end at a line holding only `]` (an entry may hold `[extras]`).
  const array = /^dependencies\s*=\s*\[([^\n]*\n[\s\S]*?)^\s*\]/m.exec(body)?.[1] ?? /^dependencies\s*=\s*\[(.*)\]\s*$/m.exec(body)?.[1] ?? '';
  return [...array.matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]*)/g)].map((m) => normalizePackage(m[1]));
}

/**
 * The newest Django line the dependency file allows, when it caps it: `Django==3.2.25` and
 * `django = "~3.2"` give `3.2`, `django>=3.2,<4` gives `3.99`; a bare `>=` says nothing (null).
 */
export function pinnedDjangoVersion(repo: RepoReader, deps: PythonDependencies): string | null {
  const files = deps.kind.startsWith('requirements') ? requirementFiles(repo, deps.file) : [deps.file];
  for (const file of files) {
    const line = /^\s*["']?django(?![\w-])["']?(.*)$/im.exec(repo.read(file) ?? '')?.[1];
    if (line !== undefined) return djangoCap(line);
  }
  return null;
}

export function djangoCap(spec: string): string | null {
  const version = (text: string): [number, number] => {
    const [major, minor = '0'] = text.split('.');
    return [Number(major), Number(minor)];
  };
  const pinned = /(?:===?|~=|\^|~|^\s*=?\s*["']?)\s*(\d+(?:\.\d+)?)/.exec(spec.replace(/version\s*=\s*/, ''));
  const exact = /(?:===?|~=|\^|~)\s*(\d+(?:\.\d+)?)/.exec(spec) ?? (pinned && !/[<>]/.test(spec) ? pinned : null);
  if (exact) return version(exact[1]).join('.');
  const upper = /<(=?)\s*(\d+(?:\.\d+)?)/.exec(spec);
  if (!upper) return null;
  const [major, minor] = version(upper[2]);
  if (upper[1] === '=') return `${major}.${minor}`;
  return minor === 0 ? `${major - 1}.99` : `${major}.${minor - 1}`;
}

/** A requirements file and, depth first, every file it includes with `-r` (each once). */
function requirementFiles(repo: RepoReader, file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const includes = [...(repo.read(file) ?? '').matchAll(/^(?:-r|--requirement)[=\s]+(\S+)/gm)].map((m) => path.normalize(joinRel(parentOf(file), m[1])));
  return [file, ...includes.flatMap((include) => requirementFiles(repo, include, seen))];
}

/**
 * The module `poetry sync` (the Python buildpack's install) looks for when it installs the project itself,
 * when no such module is there: Poetry 2 then fails the whole install ("No file/folder found for package").
 * Undefined when it would install fine: `package-mode = false`, explicit `packages`, or the module exists
 * as `<name>/`, `src/<name>/` or `<name>.py` (`exists` is given paths relative to the pyproject's folder).
 */
export function poetryMissingRootModule(pyproject: string, exists: (file: string) => boolean): string | undefined {
  const poetry = tomlTable(pyproject, 'tool.poetry') ?? '';
  if (/^package-mode\s*=\s*false\b/m.test(poetry) || /^packages\s*=/m.test(poetry)) return undefined;
  const name = /^name\s*=\s*["']([^"']+)["']/m.exec(tomlTable(pyproject, 'project') ?? '')?.[1] ?? /^name\s*=\s*["']([^"']+)["']/m.exec(poetry)?.[1];
  if (name === undefined) return undefined;
  const module = name.toLowerCase().replace(/[-_.]+/g, '_');
  const candidates = [`${module}/__init__.py`, `src/${module}/__init__.py`, `${module}.py`, `src/${module}.py`];
  return candidates.some(exists) ? undefined : module;
}
