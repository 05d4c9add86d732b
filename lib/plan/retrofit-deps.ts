import { normalizePackage } from '../detect/python-deps.js';
import type { PythonDependencies } from '../detect/types.js';
import { PYTHON_PACKAGES } from '../versions.js';

/** One package production needs, in each dependency format's spelling. */
export interface NeededPackage {
  /** Normalised names that already satisfy the need (any PostgreSQL driver will do). */
  satisfiedBy: string[];
  name: string;
  extras: string[];
  version: string;
}

// Django before 4.2 cannot use psycopg 3, and the newest WhiteNoise and dj-database-url need 4.2.
const BEFORE_DJANGO_4_2 = {
  whitenoise: '6.5.0',
  databaseUrl: '1.3.0',
  postgresDriver: { name: 'psycopg2-binary', version: '2.9.10' },
};

function split(spec: string): { name: string; extras: string[] } {
  const match = /^([^[]+)(?:\[([^\]]*)\])?$/.exec(spec);
  return { name: match?.[1] ?? spec, extras: match?.[2] ? match[2].split(',') : [] };
}

/** gunicorn, WhiteNoise (with brotli), dj-database-url and a PostgreSQL driver, for this Django. */
export function neededPackages(djangoVersion: string | null): NeededPackage[] {
  const [major, minor] = (djangoVersion ?? '99.0').split('.').map(Number);
  const old = major < 4 || (major === 4 && minor < 2);
  const whitenoise = split(PYTHON_PACKAGES.whitenoise.name);
  const driver = old ? { name: BEFORE_DJANGO_4_2.postgresDriver.name, extras: [] } : split(PYTHON_PACKAGES.postgresDriver.name);
  return [
    { satisfiedBy: ['gunicorn'], name: PYTHON_PACKAGES.gunicorn.name, extras: [], version: PYTHON_PACKAGES.gunicorn.version },
    { satisfiedBy: ['whitenoise'], ...whitenoise, version: old ? BEFORE_DJANGO_4_2.whitenoise : PYTHON_PACKAGES.whitenoise.version },
    { satisfiedBy: ['dj-database-url'], name: PYTHON_PACKAGES.databaseUrl.name, extras: [], version: old ? BEFORE_DJANGO_4_2.databaseUrl : PYTHON_PACKAGES.databaseUrl.version },
    {
      satisfiedBy: ['psycopg', 'psycopg-binary', 'psycopg-c', 'psycopg2', 'psycopg2-binary'],
      ...driver,
      version: old ? BEFORE_DJANGO_4_2.postgresDriver.version : PYTHON_PACKAGES.postgresDriver.version,
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
    case 'pipenv':
    case 'poetry': {
      const table = kind === 'pipenv' ? '[packages]' : '[tool.poetry.dependencies]';
      const entries = missing.map((pkg) => tomlEntry(pkg, kind === 'pipenv' ? `==${pkg.version}` : pkg.version));
      const header = lines.findIndex((line) => line.trim() === table);
      if (header >= 0) return insertAfter(header, entries);
      const body = text.endsWith('\n') ? text : `${text}${eol}`;
      return { text: `${body}${eol}${table}${eol}${entries.join(eol)}${eol}` };
    }
    case 'uv': {
      const project = lines.findIndex((line) => line.trim() === '[project]');
      if (project < 0) return { manual: 'pyproject.toml has no [project] table' };
      const end = lines.findIndex((line, i) => i > project && /^\s*\[/.test(line));
      const inProject = (i: number): boolean => i > project && (end < 0 || i < end);
      const entries = missing.map((pkg) => `    "${requirementLine(pkg)}",`);
      const open = lines.findIndex((line, i) => inProject(i) && /^dependencies\s*=\s*\[\s*(#.*)?$/.test(line));
      if (open >= 0) return insertAfter(open, entries);
      if (lines.some((line, i) => inProject(i) && /^dependencies\s*=/.test(line))) {
        return { manual: 'its [project] dependencies array is written on one line' };
      }
      return insertAfter(project, ['dependencies = [', ...entries, ']']);
    }
  }
}
