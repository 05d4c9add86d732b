import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const CONFIG_KEY = 'generator-django-monorepo';

/** What the folder a new project goes into holds today. */
export type TargetFolder = 'missing' | 'empty' | 'ours' | 'django' | 'other';

// Entries that do not make a folder "taken": a fresh `git init`, template overrides, editor and OS litter.
const HARMLESS = new Set(['.git', '.DS_Store', 'Thumbs.db', '.idea', '.vscode', '.django-monorepo']);

export function inspectTargetFolder(folder: string): TargetFolder {
  if (!existsSync(folder)) return 'missing';
  const entries = readdirSync(folder).filter((entry) => !HARMLESS.has(entry));
  if (entries.length === 0) return 'empty';
  if (entries.includes('.yo-rc.json')) {
    try {
      const config = JSON.parse(readFileSync(path.join(folder, '.yo-rc.json'), 'utf8')) as Record<string, { framework?: unknown }>;
      // Only the app generator stores a framework; a retrofitted repo (answers from :deploy) is not ours to rewrite.
      if (config[CONFIG_KEY]?.framework !== undefined) return 'ours';
    } catch {
      // An unreadable .yo-rc.json is someone else's business: treat the folder as taken.
    }
  }
  if (holdsManagePy(folder, 3)) return 'django';
  return 'other';
}

const SKIPPED = new Set(['node_modules', '.git', 'venv', '.venv', '__pycache__', 'dist', 'build']);

function holdsManagePy(folder: string, depth: number): boolean {
  const entries = readdirSync(folder, { withFileTypes: true });
  if (entries.some((entry) => entry.isFile() && entry.name === 'manage.py')) return true;
  if (depth === 0) return false;
  return entries.some(
    (entry) => entry.isDirectory() && !SKIPPED.has(entry.name) && holdsManagePy(path.join(folder, entry.name), depth - 1),
  );
}

/** The answers stored in a folder's .yo-rc.json by this generator ({} when none can be read). */
export function storedAnswers(folder: string): Record<string, unknown> {
  try {
    const config = JSON.parse(readFileSync(path.join(folder, '.yo-rc.json'), 'utf8')) as Record<string, unknown>;
    const answers = config[CONFIG_KEY];
    return answers && typeof answers === 'object' ? (answers as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

// Answers that decide where files go: changing one on an existing project would write a second package,
// backend, client or dependency file beside the first (Procfile, manage.py and imports still naming it).
const LAYOUT_ANSWERS = [
  { name: 'module', flag: 'module', what: 'Python package' },
  { name: 'backendDir', flag: 'backend', what: 'backend folder' },
  { name: 'clientDir', flag: 'client', what: 'client folder' },
  { name: 'framework', flag: 'framework', what: 'client framework' },
  { name: 'pythonDeps', flag: 'python-deps', what: 'dependency format' },
  { name: 'layout', flag: 'buildpacks', what: 'deployment layout' },
] as const;

/** A refusal when a flag changes a layout answer the project was made with; the generator builds no rename. */
export function layoutChange(stored: Record<string, unknown>, given: Partial<Record<string, unknown>>): string | undefined {
  for (const { name, flag, what } of LAYOUT_ANSWERS) {
    const [now, before] = [given[name], stored[name]];
    if (now === undefined || before === undefined || String(now) === String(before)) continue;
    return (
      `--${flag} ${JSON.stringify(String(now))} differs from ${JSON.stringify(String(before))}, the answer this project was made with (.yo-rc.json): ` +
      `the generator cannot move an existing project to another ${what}; run without --${flag}, or make a new project and move your code into it.`
    );
  }
  return undefined;
}
