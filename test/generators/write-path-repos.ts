// Repos for the write-path tests, made by the real tools: Debian's django-admin startproject and this
// repo's create-vite (a devDependency), with nothing installed. Shared by write-path*.test.ts and
// the interrupt tests.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/generators.js';

export const DJANGO_ADMIN = '/usr/bin/django-admin';
export const CREATE_VITE = path.join(REPO_ROOT, 'node_modules/create-vite/index.js');

/** server/ from `django-admin startproject mysite`, with a requirements.txt; client/ from create-vite react-ts. */
export function makeDjangoViteRepo(repo: string): void {
  mkdirSync(path.join(repo, 'server'), { recursive: true });
  execFileSync(DJANGO_ADMIN, ['startproject', 'mysite', 'server'], { cwd: repo, stdio: 'ignore' });
  writeFileSync(path.join(repo, 'server/requirements.txt'), 'Django>=3.2,<4\n');
  execFileSync(process.execPath, [CREATE_VITE, 'client', '--template', 'react-ts', '--no-interactive', '--no-immediate'], { cwd: repo, stdio: 'ignore' });
}

/** Every file below a folder with its contents (links shown as links): what "byte-identical" compares. */
export function filesBelow(folder: string): Record<string, string> {
  if (!existsSync(folder)) return {};
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isDirectory()) continue;
    const file = path.join(entry.parentPath, entry.name);
    files[path.relative(folder, file)] = entry.isSymbolicLink() ? '(link)' : readFileSync(file, 'utf8');
  }
  return files;
}

/** Folders too: an undo must remove the folders a run made. */
export function foldersBelow(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort();
}
