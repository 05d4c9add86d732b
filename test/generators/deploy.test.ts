import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import helpers from 'yeoman-test';
import DeployGenerator from '../../generators/deploy/index.js';
import { detectLayout } from '../../lib/detect/index.js';
import { FIXTURES, type RepoFiles, type RetrofitFixture } from '../fixtures/retrofit/layouts.js';
import { diskState } from '../support/disk.js';
import { generatorSource } from '../support/generators.js';
import { fileExists, missingPrerequisites, pythonHas, SYSTEM_PYTHON } from '../support/prerequisites.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

const blackMissing = missingPrerequisites({ 'Debian black': fileExists('/usr/bin/black') });
const djangoMissing = missingPrerequisites({ 'Debian python3-django, python3-whitenoise, python3-dj-database-url': pythonHas('django', 'whitenoise', 'dj_database_url') });

function repoOnDisk(files: RepoFiles): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'retrofit-'));
  folders.push(folder);
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), contents);
  }
  return folder;
}


async function runDeploy(folder: string, options: Record<string, unknown>) {
  return helpers
    .run(DeployGenerator, generatorSource('deploy'))
    .withOptions({ yes: true, ...options } as never)
    .cd(folder);
}

/** True when every line of `before` appears in `after`, in order. */
function onlyAddsLines(before: string, after: string): boolean {
  const lines = after.split('\n');
  let at = 0;
  for (const line of before.split('\n')) {
    while (at < lines.length && lines[at] !== line) at++;
    if (at++ === lines.length) return false;
  }
  return true;
}

function checkDeploy(folder: string, fixture: RetrofitFixture): string {
  const backend = path.join(folder, fixture.expected.backendDir);
  return execFileSync(SYSTEM_PYTHON, ['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'], {
    cwd: backend,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH,
      DJANGO_SETTINGS_MODULE: fixture.expected.herokuSettings,
      DJANGO_SECRET_KEY: randomBytes(40).toString('base64url'),
      DATABASE_URL: 'postgres://user:secret@127.0.0.1:5432/app',
      ALLOWED_HOSTS: 'my-app.herokuapp.com',
    },
  });
}

describe.each(FIXTURES)('yo django-monorepo:deploy on $name', (fixture) => {
  it('adds the deployment layer, changes user files only by adding lines, and a second run writes nothing', async () => {
    const folder = repoOnDisk(fixture.files);
    const layout = detectLayout((await import('node:fs')) as never, folder, { clientDir: fixture.options?.client });
    expect(layout.backend.dir).toBe(fixture.expected.backendDir);

    await runDeploy(folder, fixture.options ?? {});
    const after = diskState(folder);
    const editable = new Set([layout.pythonDeps.file, layout.client ? path.posix.join(layout.client.dir, 'package.json') : '']);
    for (const [file, before] of Object.entries(fixture.files)) {
      const now = readFileSync(path.join(folder, file), 'utf8');
      if (now === before) continue;
      expect(editable, `${file} changed`).toContain(file);
      expect(onlyAddsLines(before, now), `${file} lost lines`).toBe(true);
    }
    const heroku = path.join(folder, fixture.expected.backendDir, ...fixture.expected.herokuSettings.split('.')) + '.py';
    expect(readFileSync(heroku, 'utf8')).toContain(`from ${fixture.expected.settingsModule} import *`);
    expect(Object.keys(after)).toContain('Procfile');
    if (layout.client) expect(JSON.parse(readFileSync(path.join(folder, layout.client.dir, 'package.json'), 'utf8')).scripts['heroku-postbuild']).toBeTruthy();

    if (blackMissing.length === 0) {
      const added = Object.keys(after).filter((file) => file.endsWith('.py') && !(file in fixture.files));
      expect(execFileSync('/usr/bin/black', ['--check', '--quiet', ...added], { cwd: folder, encoding: 'utf8' })).toBe('');
    }

    await runDeploy(folder, { ...fixture.options, force: false, bail: true });
    expect(diskState(folder)).toEqual(after);

    if (fixture.checkDeploy && djangoMissing.length === 0) {
      expect(checkDeploy(folder, fixture)).toContain('System check identified no issues');
    }
  });
});

describe('refusals and flags', () => {
  it('stops before writing when a flag is invalid or something is missing', async () => {
    const folder = repoOnDisk({ 'README.md': '# nothing here\n' });
    await expect(runDeploy(folder, {})).rejects.toThrow(/No Django project found.*--backend/);
    await expect(runDeploy(folder, { backend: '../elsewhere' })).rejects.toThrow(/--backend "..\/elsewhere" must stay inside the project/);
    expect(readdirSync(folder)).toEqual(['README.md']);
  });

  it('takes a dot-folder or a folder beside the client as --client-dist, but not the backend or outside the repo', async () => {
    const folder = repoOnDisk(FIXTURES[0].files);
    await expect(runDeploy(folder, { clientDist: '../server' })).rejects.toThrow(/server\/ is the Django project's own folder.*--client-dist/);
    await expect(runDeploy(folder, { clientDist: '../..' })).rejects.toThrow(/outside the repo.*--client-dist/);
    await expect(runDeploy(folder, { clientDist: '/abs' })).rejects.toThrow(/--client-dist "\/abs" must be a relative path/);
    expect(readFileSync(path.join(folder, 'server/requirements.txt'), 'utf8')).toBe(FIXTURES[0].files['server/requirements.txt']);
    await runDeploy(folder, { clientDist: '.output/public' });
    expect(readFileSync(path.join(folder, 'server/mysite/heroku_settings.py'), 'utf8')).toContain('os.path.join(REPO_ROOT, "client", ".output", "public")');
  });

  it('asks which client when there are two, unless --yes (then names the flag)', async () => {
    const files = { ...FIXTURES[0].files, 'admin/package.json': FIXTURES[2].files['web/package.json'] };
    const folder = repoOnDisk(files);
    await expect(runDeploy(folder, {})).rejects.toThrow(/Found 2 JavaScript clients.*admin, client.*--client/);
    await helpers.run(DeployGenerator, generatorSource('deploy')).withAnswers({ choice: 'client', proceed: true }).cd(folder);
    expect(readFileSync(path.join(folder, 'client/package.json'), 'utf8')).toContain('heroku-postbuild');
    expect(readFileSync(path.join(folder, 'admin/package.json'), 'utf8')).toBe(files['admin/package.json']);
  });

  it('writes nothing when the user declines', async () => {
    const folder = repoOnDisk(FIXTURES[0].files);
    const before = diskState(folder);
    await helpers.run(DeployGenerator, generatorSource('deploy')).withAnswers({ proceed: false }).cd(folder);
    expect(diskState(folder)).toEqual(before);
  });
});

describe.skipIf(djangoMissing.length > 0)('the retrofitted app serves the client (Debian Django, test client)', () => {
  it('deep links get index.html (no-cache), hashed assets are immutable, unknown /api/ paths 404 as JSON', async () => {
    const fixture = FIXTURES.find((f) => f.name.startsWith('settings package in api/'))!;
    const folder = repoOnDisk({
      ...fixture.files,
      'web/build/index.html': '<!doctype html><html><head><script type="module" src="/static/assets/index-AbCd1234.js"></script></head><body><div id="app"></div></body></html>\n',
      'web/build/assets/index-AbCd1234.js': 'console.log("client");\n',
    });
    await runDeploy(folder, {});
    const env = {
      PATH: process.env.PATH,
      DJANGO_SETTINGS_MODULE: fixture.expected.herokuSettings,
      DJANGO_SECRET_KEY: randomBytes(40).toString('base64url'),
      DATABASE_URL: 'postgres://user:secret@127.0.0.1:5432/app',
      ALLOWED_HOSTS: 'testserver',
    };
    const backend = path.join(folder, 'api');
    execFileSync(SYSTEM_PYTHON, ['manage.py', 'collectstatic', '--noinput', '-v', '0'], { cwd: backend, env, stdio: 'ignore' });
    const probe = `
import json, django
django.setup()
from django.test import Client
client = Client()
def get(path, **extra):
    response = client.get(path, secure=True, **extra)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return {"status": response.status_code, "cache": response.get("Cache-Control"), "type": response.get("Content-Type"), "body": body.decode("utf-8", "replace")[:300]}
print(json.dumps({
    "deep": get("/projects/42/edit"),
    "api": get("/api/nope/"),
    "ping": get("/api/ping/"),
    "asset": get("/static/assets/index-AbCd1234.js"),
    "http": {"status": client.get("/projects/42").status_code},
}))
`;
    const result = JSON.parse(execFileSync(SYSTEM_PYTHON, ['-c', probe], { cwd: backend, env, encoding: 'utf8' })) as Record<string, { status: number; cache?: string; type?: string; body?: string }>;
    expect(result.deep).toMatchObject({ status: 200, cache: 'no-cache' });
    expect(result.deep.body).toMatch(/src="\/static\/assets\/index-AbCd1234\.[0-9a-f]{12}\.js"/);
    expect(result.api).toMatchObject({ status: 404, type: 'application/json' });
    expect(result.ping).toMatchObject({ status: 200, body: '{"pong": true}' });
    expect(result.asset.status).toBe(200);
    expect(result.asset.cache).toContain('immutable');
    expect(result.http.status).toBe(301);
  });
});

describe.skipIf(djangoMissing.length > 0)('the Heroku settings on newer Django (django.VERSION patched, no setup)', () => {
  const storagesOn = (folder: string, fixture: RetrofitFixture, version: string): Record<string, unknown> => {
    const script = `
import importlib, json, django
django.VERSION = (${version}, 0, "final", 0)
settings = importlib.import_module("${fixture.expected.herokuSettings}")
print(json.dumps({name: getattr(settings, name, None) for name in ("STORAGES", "STATICFILES_STORAGE", "DEFAULT_FILE_STORAGE", "MIDDLEWARE")}))
`;
    const env = { PATH: process.env.PATH, DJANGO_SECRET_KEY: randomBytes(40).toString('base64url'), DATABASE_URL: 'postgres://u:p@127.0.0.1/db', ALLOWED_HOSTS: 'a.example' };
    return JSON.parse(execFileSync(SYSTEM_PYTHON, ['-c', script], { cwd: path.join(folder, fixture.expected.backendDir), env, encoding: 'utf8' })) as Record<string, unknown>;
  };

  it("merges STORAGES on 4.2+, keeping the user's default storage; STATICFILES_STORAGE before 4.2", async () => {
    const fixture = FIXTURES.find((f) => f.name.startsWith('apps/'))!;
    const folder = repoOnDisk(fixture.files);
    await runDeploy(folder, {});
    const whitenoise = 'whitenoise.storage.CompressedManifestStaticFilesStorage';
    expect(storagesOn(folder, fixture, '5, 2')).toMatchObject({
      STORAGES: { default: { BACKEND: 'django.core.files.storage.FileSystemStorage', OPTIONS: { location: '/tmp/media' } }, staticfiles: { BACKEND: whitenoise } },
      STATICFILES_STORAGE: null,
    });
    const onOld = storagesOn(folder, fixture, '3, 2');
    expect(onOld.STATICFILES_STORAGE).toBe(whitenoise);
    // The fixture's settings drop SecurityMiddleware: it comes back first, WhiteNoise right after it.
    expect((onOld.MIDDLEWARE as string[]).slice(0, 2)).toEqual(['django.middleware.security.SecurityMiddleware', 'whitenoise.middleware.WhiteNoiseMiddleware']);
  });

  it('moves a pre-4.2 DEFAULT_FILE_STORAGE into STORAGES on 4.2+ (the two cannot be combined)', async () => {
    const fixture = FIXTURES[0];
    const settings = `${fixture.files['server/mysite/settings.py']}DEFAULT_FILE_STORAGE = "myapp.storage.MediaStorage"\n`;
    const folder = repoOnDisk({ ...fixture.files, 'server/mysite/settings.py': settings });
    await runDeploy(folder, {});
    expect(storagesOn(folder, fixture, '4, 2')).toMatchObject({
      STORAGES: { default: { BACKEND: 'myapp.storage.MediaStorage' } },
      DEFAULT_FILE_STORAGE: null,
    });
  });
});

describe('a dirty git tree', () => {
  it('is warned about; --yes proceeds', async () => {
    const folder = repoOnDisk(FIXTURES[0].files);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: folder, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null' } });
    git('init', '--quiet');
    const logs: string[] = [];
    await helpers
      .run(DeployGenerator, generatorSource('deploy'))
      .withOptions({ yes: true } as never)
      .cd(folder)
      .onGenerator((generator) => {
        const log = generator.log.bind(generator);
        (generator as unknown as { log: (m: string) => void }).log = (message: string) => {
          logs.push(String(message));
          return log(message);
        };
      });
    expect(logs.join('\n')).toMatch(/the git tree has \d+ uncommitted change/);
    expect(readFileSync(path.join(folder, 'Procfile'), 'utf8')).toContain('gunicorn');
  });
});

describe('template overrides', () => {
  it('the repo override folder wins over the built-in deploy and retrofit templates', async () => {
    const folder = repoOnDisk({
      ...FIXTURES[0].files,
      '.django-monorepo/templates/deploy/Procfile.ejs': 'web: gunicorn --pythonpath <%= backendDir %> <%= module %>.wsgi --workers 3\n',
    });
    await runDeploy(folder, {});
    expect(readFileSync(path.join(folder, 'Procfile'), 'utf8')).toBe('web: gunicorn --pythonpath server mysite.wsgi --workers 3\n');
  });
});
