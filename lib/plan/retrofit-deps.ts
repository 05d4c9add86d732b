import { normalizePackage } from '../detect/python-deps.js';
import { LayoutError, type PythonDependencies } from '../detect/types.js';
import { PYTHON_PACKAGES } from '../versions.js';

/** One package production needs, in each dependency format's spelling. */
export interface NeededPackage {
  /** Normalised names that already satisfy the need (any PostgreSQL driver will do). */
  satisfiedBy: string[];
  name: string;
  extras: string[];
  version: string;
}

/**
 * What production adds, per Django line, so that pip can resolve it next to the user's Django (read from
 * each release's PyPI metadata): dj-database-url 1.3.0 requires Django >= 3.2 and 2.x+ >= 4.2;
 * WhiteNoise 6.5.0 supports 3.2–4.2 and dropped 3.1 in 6.1; Django before 4.2 cannot use psycopg 3.
 */
const DJANGO_TIERS: ReadonlyArray<{ from: number; whitenoise: string; databaseUrl: string; postgresDriver: { name: string; version: string } }> = [
  { from: 4.2, whitenoise: PYTHON_PACKAGES.whitenoise.version, databaseUrl: PYTHON_PACKAGES.databaseUrl.version, postgresDriver: { name: PYTHON_PACKAGES.postgresDriver.name, version: PYTHON_PACKAGES.postgresDriver.version } },
  { from: 3.2, whitenoise: '6.5.0', databaseUrl: '1.3.0', postgresDriver: { name: 'psycopg2-binary', version: '2.9.10' } },
  // Django 2.2–3.1: WhiteNoise 6.0.0 still supports 2.2; dj-database-url 0.5.0 has no Django requirement.
  { from: 2.2, whitenoise: '6.0.0', databaseUrl: '0.5.0', postgresDriver: { name: 'psycopg2-binary', version: '2.9.10' } },
];

/** The tier for a Django line (`3.2`, `4.99` for "below 5"); null (unpinned) is the newest. */
export function djangoTier(djangoVersion: string | null): (typeof DJANGO_TIERS)[number] {
  const version = djangoVersion === null ? Infinity : Number(djangoVersion.replace(/\.99$/, '.9'));
  const tier = DJANGO_TIERS.find((entry) => version >= entry.from);
  if (!tier) {
    throw new LayoutError(
      `Django ${djangoVersion} is older than any release WhiteNoise and dj-database-url support: upgrade Django to 3.2 LTS or later ` +
        '(4.2 or 5.2 LTS to stay supported) in your dependency file, and run again.',
      'python',
    );
  }
  return tier;
}

function split(spec: string): { name: string; extras: string[] } {
  const match = /^([^[]+)(?:\[([^\]]*)\])?$/.exec(spec);
  return { name: match?.[1] ?? spec, extras: match?.[2] ? match[2].split(',') : [] };
}

/** gunicorn, WhiteNoise (with brotli), dj-database-url and a PostgreSQL driver, for this Django. */
export function neededPackages(djangoVersion: string | null): NeededPackage[] {
  const tier = djangoTier(djangoVersion);
  return [
    { satisfiedBy: ['gunicorn'], name: PYTHON_PACKAGES.gunicorn.name, extras: [], version: PYTHON_PACKAGES.gunicorn.version },
    { satisfiedBy: ['whitenoise'], ...split(PYTHON_PACKAGES.whitenoise.name), version: tier.whitenoise },
    { satisfiedBy: ['dj-database-url'], name: PYTHON_PACKAGES.databaseUrl.name, extras: [], version: tier.databaseUrl },
    {
      satisfiedBy: ['psycopg', 'psycopg-binary', 'psycopg-c', 'psycopg2', 'psycopg2-binary'],
      ...split(tier.postgresDriver.name),
      version: tier.postgresDriver.version,
    },
  ];
}

export function missingPackages(deps: Pick<PythonDependencies, 'declared'>, djangoVersion: string | null): NeededPackage[] {
  const declared = new Set(deps.declared.map(normalizePackage));
  return neededPackages(djangoVersion).filter((pkg) => !pkg.satisfiedBy.some((name) => declared.has(name)));
}

const extras = (pkg: NeededPackage): string => (pkg.extras.length > 0 ? `[${pkg.extras.join(',')}]` : '');

export function requirementLine(pkg: NeededPackage): string {
  return `${pkg.name}${extras(pkg)}==${pkg.version}`;
}

/** `name = ...` for Pipfile (`==1.0`) and Poetry (`1.0`). */
function tomlEntry(pkg: NeededPackage, version: string): string {
  if (pkg.extras.length === 0) return `${pkg.name} = "${version}"`;
  return `${pkg.name} = { version = "${version}", extras = [${pkg.extras.map((e) => `"${e}"`).join(', ')}] }`;
}

export const ADDED_COMMENT = '# Added for production by generator-django-monorepo';

/**
 * Adds the missing packages to a dependency file by inserting lines only: no existing line changes.
 * Returns undefined when nothing is missing, or a reason when the file's shape allows no such insert.
 */
export function addPackages(
  kind: PythonDependencies['kind'],
  text: string,
  missing: NeededPackage[],
): { text: string } | { manual: string } | undefined {
  if (missing.length === 0) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const insertAfter = (index: number, added: string[]): { text: string } => {
    lines.splice(index + 1, 0, ...added);
    return { text: lines.join(eol) };
  };
  switch (kind) {
    case 'requirements':
    case 'requirements-folder': {
      const body = text === '' || text.endsWith('\n') ? text : `${text}${eol}`;
      return { text: `${body}${[ADDED_COMMENT, ...missing.map(requirementLine)].join(eol)}${eol}` };
    }
    case 'poetry':
      // Poetry 2 (`poetry init`) lists dependencies in [project]; then [tool.poetry.dependencies] only enriches them.
      if (projectHasDependencies(lines)) return addToProjectTable(lines, missing, insertAfter);
      return addToTomlTable(lines, text, eol, '[tool.poetry.dependencies]', missing.map((pkg) => tomlEntry(pkg, pkg.version)), insertAfter);
    case 'pipenv':
      return addToTomlTable(lines, text, eol, '[packages]', missing.map((pkg) => tomlEntry(pkg, `==${pkg.version}`)), insertAfter);
    case 'uv':
      return addToProjectTable(lines, missing, insertAfter);
  }
}

type InsertAfter = (index: number, added: string[]) => { text: string };

function projectBounds(lines: string[]): ((i: number) => boolean) | undefined {
  const project = lines.findIndex((line) => line.trim() === '[project]');
  if (project < 0) return undefined;
  const end = lines.findIndex((line, i) => i > project && /^\s*\[/.test(line));
  return (i: number): boolean => i > project && (end < 0 || i < end);
}

function projectHasDependencies(lines: string[]): boolean {
  const inProject = projectBounds(lines);
  return inProject !== undefined && lines.some((line, i) => inProject(i) && /^dependencies\s*=/.test(line));
}

/** PEP 621's `[project] dependencies = [` array (uv, Poetry 2): our entries go first, each with its comma. */
function addToProjectTable(lines: string[], missing: NeededPackage[], insertAfter: InsertAfter): { text: string } | { manual: string } {
  const inProject = projectBounds(lines);
  if (!inProject) return { manual: 'pyproject.toml has no [project] table' };
  const project = lines.findIndex((line) => line.trim() === '[project]');
  const entries = missing.map((pkg) => `    "${requirementLine(pkg)}",`);
  const open = lines.findIndex((line, i) => inProject(i) && /^dependencies\s*=\s*\[\s*(#.*)?$/.test(line));
  if (open >= 0) return insertAfter(open, entries);
  if (projectHasDependencies(lines)) return { manual: 'its [project] dependencies array is written on one line' };
  return insertAfter(project, ['dependencies = [', ...entries, ']']);
}

/** A TOML table of `name = "version"` keys (Pipfile's [packages], Poetry 1's dependencies), made when missing. */
function addToTomlTable(lines: string[], text: string, eol: string, table: string, entries: string[], insertAfter: InsertAfter): { text: string } {
  const header = lines.findIndex((line) => line.trim() === table);
  if (header >= 0) return insertAfter(header, entries);
  const body = text.endsWith('\n') ? text : `${text}${eol}`;
  return { text: `${body}${eol}${table}${eol}${entries.join(eol)}${eol}` };
}

/**
 * `package-mode = false` under [tool.poetry], for a project `poetry sync` would otherwise install itself
 * and fail for want of its module (see poetryMissingRootModule). Only lines are added.
 */
export function addPoetryPackageModeOff(text: string): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const header = lines.findIndex((line) => line.trim() === '[tool.poetry]');
  if (header >= 0) {
    lines.splice(header + 1, 0, 'package-mode = false');
    return lines.join(eol);
  }
  const body = text.endsWith('\n') ? text : `${text}${eol}`;
  return `${body}${eol}[tool.poetry]${eol}package-mode = false${eol}`;
}
