// Every version the generated project pins, in one place, so generation needs no network.

/** Python packages for the backend, pinned to the current Django LTS line. */
export const PYTHON_PACKAGES = {
  django: { name: 'Django', version: '5.2.12' },
  gunicorn: { name: 'gunicorn', version: '27.0.1' },
  whitenoise: { name: 'whitenoise[brotli]', version: '6.12.0' },
  databaseUrl: { name: 'dj-database-url', version: '3.1.2' },
  postgresDriver: { name: 'psycopg[binary]', version: '3.3.9' },
} as const;

/**
 * Buildpacks. heroku-buildpack-subdir has been unmaintained since 2018, so it is pinned to a commit;
 * the official Node.js and Python buildpacks are maintained and follow their default branch.
 */
export const BUILDPACKS = {
  subdir: 'https://github.com/negativetwelve/heroku-buildpack-subdir#0c42fa48c73479d2b2e74d3a4a11593111a34104',
  nodejs: 'https://github.com/heroku/heroku-buildpack-nodejs.git',
  python: 'https://github.com/heroku/heroku-buildpack-python.git',
} as const;

/** The Python a new project, or a retrofit that finds no version, runs on. */
export const DEFAULT_PYTHON = '3.13';

export const HEROKU_STACK = 'heroku-24';
export const POSTGRES_PLAN = 'essential-0';
