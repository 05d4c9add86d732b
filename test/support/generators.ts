import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What yeoman-test needs to run one of our generators from source. */
export function generatorSource(name: string): { resolved: string; namespace: string } {
  return { resolved: path.join(root, 'generators', name, 'index.ts'), namespace: `django-monorepo:${name}` };
}

export const REPO_ROOT = root;
export const BIN = path.join(root, 'dist/bin/create-django-monorepo.js');
