import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DjangoCheckFailedError } from '../../lib/provision/errors.js';
import { checkDjangoDeploy, findPython } from '../../lib/provision/preflight.js';
import { CommandRunner } from '../../lib/provision/runner.js';
import { missingPrerequisites, pythonHas, SYSTEM_PYTHON } from '../support/prerequisites.js';

// `manage.py check --deploy` in preflight, with Debian's Django and a minimal backend.
const missing = missingPrerequisites({ 'Django for /usr/bin/python3': pythonHas('django') });

const SECURE = `import os
SECRET_KEY = os.environ['DJANGO_SECRET_KEY']
DEBUG = bool(os.environ.get('DJANGO_DEBUG'))
ALLOWED_HOSTS = os.environ['ALLOWED_HOSTS'].split(',')
INSTALLED_APPS = []
MIDDLEWARE = ['django.middleware.security.SecurityMiddleware', 'django.middleware.csrf.CsrfViewMiddleware', 'django.middleware.clickjacking.XFrameOptionsMiddleware']
ROOT_URLCONF = 'app.urls'
X_FRAME_OPTIONS = 'DENY'
SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
`;

const FILES: Record<string, string> = {
  'backend/manage.py': "import sys\nfrom django.core.management import execute_from_command_line\nexecute_from_command_line(sys.argv)\n",
  'backend/app/__init__.py': '',
  'backend/app/urls.py': 'urlpatterns = []\n',
  'backend/app/settings/__init__.py': '',
  'backend/app/settings/heroku.py': SECURE,
  'backend/app/settings/debug.py': SECURE.replace("DEBUG = bool(os.environ.get('DJANGO_DEBUG'))", 'DEBUG = True'),
  'backend/app/settings/needs_module.py': `import not_installed_here_xyz\n${SECURE}`,
};

describe.skipIf(missing.length > 0)('preflight: manage.py check --deploy', () => {
  let root: string;
  let runner: CommandRunner;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'heroku-check-'));
    for (const [path, text] of Object.entries(FILES)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    runner = new CommandRunner({ heroku: 'heroku', git: 'git', python: SYSTEM_PYTHON }, root, { PATH: process.env.PATH });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('passes with secure production settings', async () => {
    expect(await checkDjangoDeploy(runner, root, { backendDir: 'backend', settingsModule: 'app.settings.heroku' })).toMatch(/passed/);
  });

  it('stops with the warnings and what to do when the settings are not production-ready', async () => {
    const failure = await checkDjangoDeploy(runner, root, { backendDir: 'backend', settingsModule: 'app.settings.debug' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DjangoCheckFailedError);
    expect((failure as DjangoCheckFailedError).message).toContain('security.W018');
    expect((failure as DjangoCheckFailedError).whatToDo).toMatch(/--skip-checks/);
  });

  it('skips with a notice when the local Python lacks a module or Django, or there is no manage.py', async () => {
    expect(await checkDjangoDeploy(runner, root, { backendDir: 'backend', settingsModule: 'app.settings.needs_module' })).toMatch(/lacks the module not_installed_here_xyz/);
    const noDjango = new CommandRunner({ heroku: 'heroku', git: 'git', python: join(root, 'no-python') }, root, { PATH: process.env.PATH });
    expect(await checkDjangoDeploy(noDjango, root, { backendDir: 'backend', settingsModule: 'app.settings.heroku' })).toMatch(/is not installed/);
    expect(await checkDjangoDeploy(runner, root, { backendDir: 'api', settingsModule: 'x' })).toMatch(/no api\/manage.py/);
  });

  it("prefers the project's virtualenv Python", () => {
    const has = (path: string) => path === join(root, 'backend/.venv/bin/python');
    expect(findPython(root, 'backend', has)).toBe(join(root, 'backend/.venv/bin/python'));
    expect(findPython(root, 'backend', () => false)).toBe('python3');
  });
});
