import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../lib/templates.js';

/** The checkout; the bench runs the build in dist/ that `npm run bench` just made. */
export const REPO = packageRoot(fileURLToPath(import.meta.url));
export const BIN = join(REPO, 'dist/bin/create-django-monorepo.js');
export const GENERATORS = join(REPO, 'dist/generators');
export const CREATE_VITE = join(REPO, 'node_modules/create-vite/index.js');
/** Debian's Python with Django 3.2 (the first python3 on PATH may lack it). */
export const SYSTEM_PYTHON = '/usr/bin/python3';
