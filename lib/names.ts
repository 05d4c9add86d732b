import { BACKEND_PACKAGES, PYTHON_KEYWORDS, PYTHON_STDLIB_MODULES } from './python-names.js';

/** A rule check: returns the broken rule in a few words, or undefined when the value is fine. */
export type Rule = (value: string) => string | undefined;

const PYTHON_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The app labels of django.contrib: the project module is an installed app, and labels must be unique. */
export const DJANGO_APP_LABELS: ReadonlySet<string> = new Set([
  'admin', 'admindocs', 'auth', 'contenttypes', 'flatpages', 'gis', 'humanize', 'messages',
  'postgres', 'redirects', 'sessions', 'sitemaps', 'sites', 'staticfiles', 'syndication',
]);

/** File systems take at most 255 bytes per name (NAME_MAX); every answer here is ASCII. */
export const MAX_NAME_LENGTH = 255;

export const pythonModuleName: Rule = (value) => {
  if (!PYTHON_IDENTIFIER.test(value)) {
    return 'must be a Python identifier: letters, digits and underscores, not starting with a digit';
  }
  if (value.length > MAX_NAME_LENGTH) return `is longer than the ${MAX_NAME_LENGTH} characters a folder name may have`;
  if (/^__.*__$/.test(value)) return 'is a dunder name Python reserves (like __main__), not a package name';
  if (PYTHON_KEYWORDS.has(value)) return 'is a Python keyword';
  if (DJANGO_APP_LABELS.has(value)) return `is the label of Django's own app django.contrib.${value}, and app labels must be unique`;
  if (PYTHON_STDLIB_MODULES.has(value)) return 'shadows a module of the Python standard library';
  if (BACKEND_PACKAGES.has(value)) return 'shadows a package the backend depends on';
  return undefined;
};

// Heroku's rule for app names: lowercase letters, digits and dashes, starting with a letter, 3-30 chars.
const HEROKU_APP_NAME = /^[a-z][a-z0-9-]{2,29}$/;

export const herokuAppName: Rule = (value) => {
  if (!HEROKU_APP_NAME.test(value)) {
    return 'must be 3-30 lowercase letters, digits or dashes, starting with a letter';
  }
  if (value.endsWith('-')) return 'must not end with a dash';
  return undefined;
};

/**
 * A backend or client folder path, in characters: the deepest generated file adds about 60 more and
 * the project folder its own, and Linux refuses paths over 4096 bytes (PATH_MAX).
 */
export const MAX_FOLDER_LENGTH = 1024;

/** A folder inside the project: relative, no `..`, no drive letters, no empty or hidden tricks. */
export const projectFolder: Rule = (value) => {
  if (value === '' || value.trim() !== value) return 'must be a non-empty folder name without surrounding spaces';
  if (value.startsWith('/') || value.startsWith('\\') || /^[A-Za-z]:/.test(value)) {
    return 'must be a path relative to the project root, not an absolute path';
  }
  const parts = value.split(/[\\/]/);
  if (parts.includes('..')) return "must stay inside the project: '..' is not allowed";
  if (parts.some((part) => part === '' || part === '.')) return "must be a plain relative path like 'backend'";
  if (!parts.every((part) => /^[A-Za-z0-9_][A-Za-z0-9._-]*$/.test(part))) {
    return 'may only use letters, digits, dots, dashes and underscores';
  }
  if (parts.some((part) => part.length > MAX_NAME_LENGTH)) return `has a folder name longer than the ${MAX_NAME_LENGTH} characters a file system takes`;
  if (value.length > MAX_FOLDER_LENGTH) return `is longer than ${MAX_FOLDER_LENGTH} characters, too deep for the files generated below it`;
  return undefined;
};

/** `My Cool_App!` -> `my-cool-app`; a usable Heroku app name derived from a project name. */
export function herokuAppNameFrom(projectName: string): string {
  let name = projectName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 30)
    .replace(/-+$/, '');
  if (name.length < 3) name = `${name || 'django'}-app`.replace(/^-/, '');
  return name;
}

/** The last segment of a path, used as the project's name. */
export function projectNameFrom(folder: string): string {
  const parts = folder.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? 'django-monorepo';
}

/** An npm package name from anything a folder may be called (`Über App` -> `uber-app`). */
export function npmPackageName(projectName: string): string {
  return (
    projectName
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .slice(0, 200)
      .replace(/^[._-]+|[._-]+$/g, '') || 'app'
  );
}
