import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileExists, missingPrerequisites, pythonHas, SYSTEM_PYTHON } from '../support/prerequisites.js';
import { renderNewProject, writeToTempFolder } from '../support/project-files.js';

// The generated backend run by Debian's real Django 3.2: byte-compiled, black-clean, and its heroku
// settings pass the deployment checklist or refuse to load without their secrets.
const missing = missingPrerequisites({
  'Debian python3-django, python3-whitenoise, python3-dj-database-url': pythonHas('django', 'whitenoise', 'dj_database_url'),
  'Debian black': fileExists('/usr/bin/black'),
});

const VARIANTS = [
  { name: 'defaults', given: {}, backend: 'backend', module: 'app' },
  { name: 'config in server/, API only, Pipfile', given: { module: 'config', backendDir: 'server', framework: 'none', pythonDeps: 'pipenv' }, backend: 'server', module: 'config' },
  { name: 'nested backend apps/api', given: { module: 'shop', backendDir: 'apps/api', clientDir: 'apps/web' }, backend: 'apps/api', module: 'shop' },
] as const;

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

const productionEnv = () => ({
  PATH: process.env.PATH,
  DJANGO_SECRET_KEY: randomBytes(40).toString('base64url'),
  DATABASE_URL: 'postgres://user:password@127.0.0.1:5432/app',
  ALLOWED_HOSTS: 'my-app-0123456789ab.herokuapp.com',
  DJANGO_DEBUG: '',
});

describe.skipIf(missing.length > 0).each(VARIANTS)('generated backend: $name', ({ given, backend, module }) => {
  const manage = (env: Record<string, string | undefined>, ...args: string[]) =>
    spawnSync(SYSTEM_PYTHON, ['manage.py', ...args], { cwd: backendDir(), env, encoding: 'utf8' });
  let folder = '';
  const backendDir = () => path.join(folder, backend);

  it('byte-compiles and is in black style', async () => {
    folder = writeToTempFolder(await renderNewProject(given));
    folders.push(folder);
    const compiled = spawnSync(SYSTEM_PYTHON, ['-m', 'compileall', '-q', backendDir()], { encoding: 'utf8' });
    expect(compiled.stdout + compiled.stderr).toBe('');
    expect(compiled.status).toBe(0);
    const black = spawnSync('/usr/bin/black', ['--check', '--quiet', backendDir()], { encoding: 'utf8' });
    expect(black.stderr).toBe('');
    expect(black.status).toBe(0);
  });

  it('passes check --deploy --fail-level WARNING with the heroku settings', () => {
    const checked = manage({ ...productionEnv(), DJANGO_SETTINGS_MODULE: `${module}.settings.heroku` }, 'check', '--deploy', '--fail-level', 'WARNING');
    expect(checked.stderr).toBe('');
    expect(checked.stdout).toContain('System check identified no issues');
    expect(checked.status).toBe(0);
  });

  it.each(['DJANGO_SECRET_KEY', 'DATABASE_URL', 'ALLOWED_HOSTS'])('refuses to load without %s, naming it', (variable) => {
    const env: Record<string, string | undefined> = { ...productionEnv(), DJANGO_SETTINGS_MODULE: `${module}.settings.heroku` };
    delete env[variable];
    const checked = manage(env, 'check');
    expect(checked.status).not.toBe(0);
    expect(checked.stderr).toContain(`ImproperlyConfigured: ${variable} is not set.`);
  });

  it('refuses a weak or development secret key', () => {
    for (const key of ['too-short', `django-insecure-${'x'.repeat(60)}`]) {
      const checked = manage({ ...productionEnv(), DJANGO_SECRET_KEY: key, DJANGO_SETTINGS_MODULE: `${module}.settings.heroku` }, 'check');
      expect(checked.status).not.toBe(0);
      expect(checked.stderr).toContain('DJANGO_SECRET_KEY is too weak');
    }
  });

  it('runs the development settings on SQLite with no environment at all', () => {
    const checked = manage({ PATH: process.env.PATH }, 'check');
    expect(checked.stderr).toBe('');
    expect(checked.status).toBe(0);
    const shown = spawnSync(SYSTEM_PYTHON, ['manage.py', 'shell', '-c', 'from django.db import connection; print(connection.vendor)'], {
      cwd: backendDir(),
      env: { PATH: process.env.PATH },
      encoding: 'utf8',
    });
    expect(shown.stdout.trim()).toBe('sqlite');
  });
});
