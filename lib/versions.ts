// Every version the generated project pins, in one place, so generation needs no network.
// `npm run outdated-pins` asks PyPI, npm and GitHub which of them are behind.
import { NODE_VERSIONS } from './heroku-build/node-versions.js';
import { PYTHON_VERSIONS } from './heroku-build/python-versions.js';

/** Python packages for the backend, pinned to the current Django LTS line (5.2) and its newest patch. */
export const PYTHON_PACKAGES = {
  django: { name: 'Django', version: '5.2.19' },
  gunicorn: { name: 'gunicorn', version: '27.0.1' },
  whitenoise: { name: 'whitenoise[brotli]', version: '6.12.0' },
  databaseUrl: { name: 'dj-database-url', version: '3.1.2' },
  postgresDriver: { name: 'psycopg[binary]', version: '3.3.9' },
  // Content-Security-Policy before Django 6.0 has its own.
  csp: { name: 'django-csp', version: '4.0' },
} as const;

/** Tools for working on the backend (requirements-dev.txt), never installed on Heroku. */
export const PYTHON_TOOLS = {
  ruff: { name: 'ruff', version: '0.17.6' },
} as const;

/**
 * Buildpacks. heroku-buildpack-subdir has had no commit since 2018, so it is pinned to master's last
 * commit (per-subdir cache folders, its #15); the official Node.js and Python buildpacks are
 * maintained and follow their default branch.
 */
export const BUILDPACKS = {
  subdir: 'https://github.com/negativetwelve/heroku-buildpack-subdir#ee6a2e7f94b644cadd0725c21ab02879a25d5c53',
  nodejs: 'https://github.com/heroku/heroku-buildpack-nodejs.git',
  python: 'https://github.com/heroku/heroku-buildpack-python.git',
} as const;

/** The Python a new project, or a retrofit that finds no version, runs on: the Python buildpack's default. */
export const DEFAULT_PYTHON: string = PYTHON_VERSIONS.default;

/** The Node.js major of a client's `engines.node`: the Node.js buildpack's default. */
export const DEFAULT_NODE: string = NODE_VERSIONS.default;

export const HEROKU_STACK = 'heroku-24';
export const POSTGRES_PLAN = 'essential-0';
