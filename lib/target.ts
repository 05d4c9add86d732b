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
