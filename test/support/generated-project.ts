import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SYSTEM_PYTHON } from './prerequisites.js';
import { runChecked } from './processes.js';

/** A project the end-to-end suite generates: the answers given and where the parts land. */
export interface ProjectSpec {
  label: string;
  name: string;
  /** undefined = the generator's default. */
  framework?: string;
  module?: string;
  backend?: string;
  client?: string;
  /** `--python-deps`: pip, pipenv or uv; undefined = the generator's default. */
  pythonDeps?: string;
  /** `--python`: the version .python-version names; undefined = the generator's default. */
  python?: string;
  /** Also run the generated `manage.py rehearse`. */
  rehearse?: boolean;
  /** Also check that the rehearsal reports a failing release. */
  rehearseFailure?: boolean;
}

export interface ProjectAnswers {
  module: string;
  backendDir: string;
  framework: string;
  clientDir: string;
}

const BIN = fileURLToPath(new URL('../../dist/bin/create-django-monorepo.js', import.meta.url));

/** Generates with the shipped bin, as a user would: `create-django-monorepo NAME --yes ...`. */
export async function generateProject(spec: ProjectSpec, parent: string, env: NodeJS.ProcessEnv): Promise<string> {
  const args = [BIN, spec.name, '--yes', '--skip-install', '--skip-git'];
  if (spec.framework) args.push('--framework', spec.framework);
  if (spec.module) args.push('--module', spec.module);
  if (spec.backend) args.push('--backend', spec.backend);
  if (spec.client) args.push('--client', spec.client);
  if (spec.pythonDeps) args.push('--python-deps', spec.pythonDeps);
  if (spec.python) args.push('--python', spec.python);
  await runChecked(process.execPath, args, { cwd: parent, env, timeoutMs: 60_000 });
  return join(parent, spec.name);
}

export function readAnswers(projectDir: string): ProjectAnswers {
  const config = JSON.parse(readFileSync(join(projectDir, '.yo-rc.json'), 'utf8')) as Record<string, ProjectAnswers>;
  return config['generator-django-monorepo'];
}

const OWN_CONFIG = [
  'DJANGO_SETTINGS_MODULE',
  'DJANGO_SECRET_KEY',
  'DJANGO_DEBUG',
  'DATABASE_URL',
  'DATABASE_SSL_REQUIRE',
  'ALLOWED_HOSTS',
  'CSRF_TRUSTED_ORIGINS',
  'PORT',
  'WEB_CONCURRENCY',
  'GUNICORN_CMD_ARGS',
  'PYTHONPATH',
  'PYTHONHOME',
  'VIRTUAL_ENV',
  'NODE_ENV',
];

/** npm's download cache in this clone, shared by every project, test file and rerun. */
export const NPM_CACHE = fileURLToPath(new URL('../../.cache/npm', import.meta.url));

/**
 * The environment every step starts from: the machine's, without anything that would change what
 * runs (this run's npm/vitest settings, NODE_ENV=test, a developer's Django variables), with `shimDir`
 * (when given) first on PATH and one npm cache for all projects. The Python stack comes from a
 * project's venv (python-env.ts), which puts its own bin first.
 */
export function cleanEnvironment(shimDir: string | undefined, npmCache = NPM_CACHE): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (OWN_CONFIG.includes(key) || /^(npm_|VITEST)/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    PATH: [shimDir, process.env.PATH ?? '/usr/bin:/bin'].filter(Boolean).join(':'),
    npm_config_cache: npmCache,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
    npm_config_prefer_offline: 'true',
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

/** A folder whose `python` is Debian's Python 3 and whose `gunicorn` is Debian's gunicorn. */
export function makeShimDir(dir: string): string {
  mkdirSync(dir, { recursive: true });
  symlinkSync(SYSTEM_PYTHON, join(dir, 'python'));
  symlinkSync('/usr/bin/gunicorn', join(dir, 'gunicorn'));
  return dir;
}

/** What `heroku config:set` gives the app, with a throwaway secret that exists only in memory. */
export function productionConfig(answers: ProjectAnswers, databaseUrl: string): NodeJS.ProcessEnv {
  return {
    DJANGO_SETTINGS_MODULE: `${answers.module}.settings.heroku`,
    DJANGO_SECRET_KEY: randomBytes(48).toString('base64url'),
    ALLOWED_HOSTS: 'localhost',
    // DATABASE_SSL_REQUIRE stays unset: SSL required, as Heroku's databases do (the test server is SSL-only).
    DATABASE_URL: databaseUrl,
  };
}
