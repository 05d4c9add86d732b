import { joinRel, type RepoReader } from './fs.js';
import { tomlTable } from './python-deps.js';
import { LayoutError } from './types.js';
import { PYTHON_VERSIONS } from '../heroku-build/python-versions.js';
import { DEFAULT_PYTHON } from '../versions.js';

/** Python lines Heroku's Python buildpack builds and supports, from the build rules. */
const HEROKU_PYTHONS: readonly string[] = PYTHON_VERSIONS.supported;

/**
 * The Python lines each Django line runs on. Django 3.2 supports up to 3.10 officially; 3.2.25 imports
 * no distutils, so it runs on 3.11 and 3.12, but not on 3.13 (its multipartparser imports cgi, removed
 * there). 4.2 supports up to 3.12; 5.1 up to 3.13; 5.2 up to 3.14.
 */
const DJANGO_PYTHONS: ReadonlyArray<{ below: number; oldest: string; newest: string }> = [
  { below: 3.2, oldest: '3.5', newest: '3.9' },
  { below: 4.0, oldest: '3.6', newest: '3.12' },
  { below: 4.1, oldest: '3.8', newest: '3.10' },
  { below: 4.2, oldest: '3.8', newest: '3.11' },
  { below: 5.0, oldest: '3.8', newest: '3.12' },
  { below: 5.1, oldest: '3.10', newest: '3.12' },
  { below: 5.2, oldest: '3.10', newest: '3.13' },
  { below: 6.0, oldest: '3.10', newest: '3.14' },
  { below: Infinity, oldest: '3.12', newest: '3.14' },
];

export interface PythonChoice {
  version: string;
  source: string;
  /** Why the recorded version was not used as it is, when it was not. */
  note?: string;
}

const minor = (version: string): number => Number(version.split('.')[1]);
const djangoNumber = (django: string | null): number => (django === null ? Infinity : Number(django.replace(/\.99$/, '.9')));

function djangoLine(djangoVersion: string | null): (typeof DJANGO_PYTHONS)[number] {
  return DJANGO_PYTHONS.find((entry) => djangoNumber(djangoVersion) < entry.below) ?? DJANGO_PYTHONS[DJANGO_PYTHONS.length - 1];
}

/** The Python lines both Heroku and this Django run on. */
export function pythonsFor(djangoVersion: string | null): string[] {
  const line = djangoLine(djangoVersion);
  return HEROKU_PYTHONS.filter((v) => minor(v) >= minor(line.oldest) && minor(v) <= minor(line.newest));
}

/** `python-3.11.4`, `3.12`, `"3.8"` -> `3.11` / `3.12` / `3.8`. */
export function pythonLine(text: string): string | undefined {
  const match = /(?:python-)?\b3\.(\d+)/.exec(text.trim());
  return match ? `3.${match[1]}` : undefined;
}

/** Every place the repo records its Python: exact versions first, then ranges. */
export function recordedPythons(repo: RepoReader, backendDir: string): Array<{ file: string; line?: string; range?: string }> {
  const found: Array<{ file: string; line?: string; range?: string }> = [];
  const folders = backendDir === '' ? [''] : [backendDir, ''];
  for (const dir of folders) {
    for (const name of ['.python-version', 'runtime.txt']) {
      const file = joinRel(dir, name);
      const line = pythonLine(repo.read(file) ?? '');
      if (line) found.push({ file, line });
    }
    const pipfile = repo.read(joinRel(dir, 'Pipfile'));
    const pipfileLine = pipfile && /^python_(?:full_)?version\s*=\s*["']([^"']+)["']/m.exec(tomlTable(pipfile, 'requires') ?? '')?.[1];
    if (pipfileLine) found.push({ file: joinRel(dir, 'Pipfile'), line: pythonLine(pipfileLine) });
    const lock = repo.readJson(joinRel(dir, 'Pipfile.lock')) as { _meta?: { requires?: { python_version?: string } } } | undefined;
    const lockLine = lock?._meta?.requires?.python_version;
    if (typeof lockLine === 'string' && pythonLine(lockLine)) found.push({ file: joinRel(dir, 'Pipfile.lock'), line: pythonLine(lockLine) });
    const pyproject = repo.read(joinRel(dir, 'pyproject.toml'));
    if (pyproject) {
      const range =
        /^requires-python\s*=\s*["']([^"']+)["']/m.exec(tomlTable(pyproject, 'project') ?? '')?.[1] ??
        /^python\s*=\s*["']([^"']+)["']/m.exec(tomlTable(pyproject, 'tool.poetry.dependencies') ?? '')?.[1];
      if (range) found.push({ file: joinRel(dir, 'pyproject.toml'), range });
    }
  }
  return found;
}

/** True when the Python line satisfies a PEP 440 / Poetry range such as `>=3.10,<3.13`, `^3.11`, `~3.12`. */
export function lineSatisfies(version: string, range: string): boolean {
  const v = minor(version);
  return range.split(/,|\s+(?=[<>=!~^])/).every((raw) => {
    const clause = raw.trim();
    if (clause === '' || clause === '*') return true;
    const match = /^(>=|<=|==|!=|~=|>|<|\^|~)?\s*3(?:\.(\d+|\*))?(?:\.(\d+|\*))?/.exec(clause);
    if (!match) return true;
    const [, op = '==', m, patch] = match;
    const bound = m === undefined || m === '*' ? undefined : Number(m);
    if (bound === undefined) return op !== '<' && op !== '!=';
    switch (op) {
      case '>=': case '~=': case '^': return v >= bound;
      case '>': return v > bound || (v === bound && patch !== undefined);
      case '<': return v < bound || (v === bound && patch !== undefined && Number(patch) > 0);
      case '<=': return v <= bound;
      case '!=': return patch !== undefined || v !== bound;
      case '~': return v === bound;
      default: return v === bound;
    }
  });
}

/**
 * The Python for `.python-version`: the flag, else the version the repo records, moved into what both
 * Heroku and the detected Django run on; ranges (requires-python) must hold. Refuses, naming the
 * choices, when nothing fits.
 */
export function choosePython(repo: RepoReader, backendDir: string, djangoVersion: string | null, flag?: string): PythonChoice {
  const allowed = pythonsFor(djangoVersion);
  const recorded = recordedPythons(repo, backendDir);
  const ranges = recorded.filter((r) => r.range !== undefined);
  const fits = allowed.filter((v) => ranges.every((r) => lineSatisfies(v, r.range!)));
  const django = djangoVersion ? `Django ${djangoVersion.replace(/\.99$/, '.x')}` : 'Django';
  if (allowed.length === 0) {
    throw new LayoutError(
      `${django} runs on Python ${djangoLine(djangoVersion).newest} at most, and Heroku builds only Python ${HEROKU_PYTHONS.join(', ')}: ` +
        'upgrade Django to 3.2 LTS or later (4.2 or 5.2 LTS to stay supported) in your dependency file, and run again.',
      'python',
    );
  }
  if (fits.length === 0) {
    throw new LayoutError(
      `${ranges.map((r) => `${r.file} requires Python ${r.range}`).join(' and ')}, but ${django} on Heroku runs on ${allowed.join(', ')} only: ` +
        `widen the range to include one of them (e.g. ">=${allowed[0]}") and run again.`,
      'python',
    );
  }
  if (flag !== undefined) {
    if (fits.includes(flag)) return { version: flag, source: '--python' };
    throw new LayoutError(`--python ${flag}: ${django} on Heroku runs on ${fits.join(', ')}${ranges.length ? ' (within your requires-python)' : ''}; pass one of those.`, 'python');
  }
  const exact = recorded.find((r) => r.line !== undefined);
  if (exact) {
    const wanted = exact.line!;
    if (fits.includes(wanted)) return { version: wanted, source: exact.file };
    // The nearest line that runs: the oldest above an EOL version, the newest below a too-new one.
    const version = minor(wanted) < minor(fits[0]) ? fits[0] : fits[fits.length - 1];
    return { version, source: exact.file, note: `${exact.file} asks for Python ${wanted}, which ${allowed.includes(wanted) ? 'your requires-python excludes' : `${django} on Heroku cannot run (${allowed.join(', ')})`}; ${version} is used` };
  }
  const version = fits.includes(DEFAULT_PYTHON) ? DEFAULT_PYTHON : fits[fits.length - 1];
  return { version, source: ranges.length ? ranges.map((r) => r.file).join(', ') : 'default' };
}
