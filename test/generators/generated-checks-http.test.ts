/**
 * Issue 13, over HTTP: a generated project (react-ts) on its pinned PyPI stack, built, collected and
 * served by the Procfile's web line (gunicorn.conf.py), answers the paths that used to get wrong
 * answers: root files, soft 404s, cache headers, JSON under /api/, HSTS, the admin path, and settings
 * that fail to parse.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, generateProject, productionConfig, readAnswers } from '../support/generated-project.js';
import { BEHIND_ROUTER, probe, waitForAnswer } from '../support/http-probe.js';
import { startPostgres, type PostgresServer } from '../support/postgres.js';
import { fileExists, missingPrerequisites, POSTGRES_BIN, SYSTEM_PYTHON } from '../support/prerequisites.js';
import { freePort, killAllStarted, runChecked, runCommand, startService, tail, type Service } from '../support/processes.js';
import { procfileCommand } from '../support/procfile.js';

const missing = missingPrerequisites({
  'python3-venv': fileExists('/usr/lib/python3.11/ensurepip/__init__.py'),
  'postgresql (15)': fileExists(join(POSTGRES_BIN, 'postgres')),
  'built bin (npm run build)': fileExists(new URL('../../dist/bin/create-django-monorepo.js', import.meta.url).pathname),
});

// A favicon of a few bytes and files a user drops into the client's public/ folder.
const PUBLIC_FILES: Record<string, Buffer> = {
  'favicon.ico': Buffer.from([0, 0, 1, 0, 1, 0, 1, 1]),
  'robots.txt': Buffer.from('User-agent: *\nDisallow:\n'),
  'assets/logo.svg': Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
};
const ADMIN_PATH = 'staff-area';
const SPA_MARKER = '<div id="root">';

let root = '';
let dir = '';
let env: NodeJS.ProcessEnv = {};
let config: NodeJS.ProcessEnv = {};
let postgres: PostgresServer | undefined;
let web: Service | undefined;
let port = 0;

const backend = () => join(dir, 'backend');
const get = (path: string, headers: Record<string, string> = {}) => probe(port, path, { ...BEHIND_ROUTER, ...headers });

/** A POST without a CSRF token, as a script on another page would send it. */
function post(path: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', headers: { ...BEHIND_ROUTER, 'Content-Type': 'application/json' } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }));
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

describe.skipIf(missing.length > 0)('a generated project answers the paths that used to get wrong answers', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'generated-http-'));
    env = cleanEnvironment(join(root, 'bin'), join(root, 'npm-cache'));
    mkdirSync(join(root, 'bin'));
    postgres = await startPostgres();
    dir = await generateProject({ label: 'react-ts', name: 'http-checks', framework: 'react-ts' }, root, env);
    for (const [name, bytes] of Object.entries(PUBLIC_FILES)) {
      mkdirSync(join(dir, 'client', 'public', name, '..'), { recursive: true });
      writeFileSync(join(dir, 'client', 'public', name), bytes);
    }
    // The pinned stack from PyPI in a venv of its own; its bin first on PATH, as on a dyno.
    const venv = join(root, 'venv');
    await runChecked(SYSTEM_PYTHON, ['-m', 'venv', venv], { cwd: root, env, timeoutMs: 60_000 });
    const pipEnv = { ...env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
    await runChecked(join(venv, 'bin', 'pip'), ['install', '-q', '-r', 'requirements.txt'], {
      cwd: backend(),
      env: pipEnv,
      timeoutMs: 300_000,
    });
    env = { ...env, PATH: `${join(venv, 'bin')}:${env.PATH ?? ''}` };
    const client = join(dir, 'client');
    await runChecked('npm', ['install'], { cwd: client, env, timeoutMs: 240_000 });
    await runChecked('npm', ['run', 'build'], { cwd: client, env, timeoutMs: 180_000 });
    await postgres.createDatabase('http_checks');
    config = { ...productionConfig(readAnswers(dir), postgres.url('http_checks')), DJANGO_ADMIN_PATH: ADMIN_PATH };
    const runEnv = { ...env, ...config };
    await runChecked('python', ['manage.py', 'collectstatic', '--noinput'], { cwd: backend(), env: runEnv, timeoutMs: 180_000 });
    const procfile = readFileSync(join(dir, 'Procfile'), 'utf8');
    const [release, releaseArgs] = procfileCommand(procfile, 'release', runEnv);
    await runChecked(release, releaseArgs, { cwd: dir, env: runEnv, timeoutMs: 120_000 });
    port = await freePort();
    const webEnv = { ...runEnv, PORT: String(port), WEB_CONCURRENCY: '2', GUNICORN_CMD_ARGS: `--bind 127.0.0.1:${port}` };
    const [command, args] = procfileCommand(procfile, 'web', webEnv);
    web = startService(command, args, { cwd: dir, env: webEnv });
    await waitForAnswer(web, port, '/api/health/');
  }, 900_000);

  afterAll(async () => {
    try {
      await web?.stop();
      await postgres?.stop();
    } finally {
      killAllStarted();
      if (root) rmSync(root, { recursive: true, force: true });
    }
  });

  it('runs gunicorn with gunicorn.conf.py: threaded workers, one logfmt access line with the request id', async () => {
    expect(web!.output()).toMatch(/Using worker: gthread/);
    await get('/api/health/', { 'X-Request-Id': 'probe-4711' });
    await expect.poll(() => web!.output(), { timeout: 5_000 }).toMatch(/path="\/api\/health\/" status=200 .*request_id=probe-4711/);
  });

  it("serves the client's public/ files at their root paths, not as the SPA page", async () => {
    for (const name of ['favicon.ico', 'robots.txt']) {
      const response = await get(`/${name}`);
      expect(response.status, name).toBe(200);
      expect(Buffer.compare(response.body, PUBLIC_FILES[name]), name).toBe(0);
      expect(response.headers['cache-control'], name).not.toMatch(/immutable/);
    }
    expect((await get('/robots.txt')).headers['content-type']).toMatch(/^text\/plain/);
  });

  it('answers 404, never the SPA page, for any other path with a file extension', async () => {
    for (const path of ['/.env', '/missing.ico', '/deep/route/app.js', '/index.php', '/backend/manage.py', '/..%2f..%2fbackend%2fmanage.py']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.text(), path).not.toContain(SPA_MARKER);
    }
    const deep = await get('/deep/client/route');
    expect(deep.status).toBe(200);
    expect(deep.text()).toContain(SPA_MARKER);
  });

  it('marks only names that carry a hash immutable', async () => {
    const index = (await get('/')).text();
    const script = /src="(\/static\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(script, index).toBeDefined();
    expect((await get(script!)).headers['cache-control']).toMatch(/immutable/);
    // Vite's own hashed name, as a chunk imports it (without Django's manifest hash).
    const viteName = script!.replace(/\.[0-9a-f]{12}\.js$/, '.js');
    expect(viteName).not.toBe(script);
    expect((await get(viteName)).headers['cache-control']).toMatch(/immutable/);
    // Copied from public/assets/ as it is: no hash in its name.
    const logo = await get('/static/assets/logo.svg');
    expect(logo.status).toBe(200);
    expect(logo.headers['cache-control']).not.toMatch(/immutable/);
  });

  it('answers JSON under /api/ for a missing trailing slash, with the right path as a hint', async () => {
    for (const path of ['/api/health', '/api']) {
      const response = await get(path);
      expect(response.status, path).toBe(404);
      expect(response.headers['content-type'], path).toMatch(/^application\/json/);
    }
    expect((await get('/api/health')).json()).toMatchObject({ error: 'not found', hint: expect.stringContaining('/api/health/') });
  });

  it('answers a CSRF failure under /api/ in JSON, and elsewhere with HTML', async () => {
    const api = await post('/api/health/');
    expect(api.status).toBe(403);
    expect(api.type).toMatch(/^application\/json/);
    expect(JSON.parse(api.body)).toMatchObject({ error: 'CSRF verification failed' });
    const admin = await post(`/${ADMIN_PATH}/login/`);
    expect(admin.status).toBe(403);
    expect(admin.type).toMatch(/^text\/html/);
  });

  it('starts HSTS short (60 s), with includeSubDomains and preload', async () => {
    expect((await get('/')).headers['strict-transport-security']).toBe('max-age=60; includeSubDomains; preload');
  });

  it('sends a strict Content-Security-Policy: same-origin only, no inline code, no framing', async () => {
    for (const path of ['/', '/deep/client/route', '/api/health/']) {
      const policy = (await get(path)).headers['content-security-policy'];
      expect(policy, path).toMatch(/default-src 'self'/);
      expect(policy, path).toMatch(/script-src 'self'(;|$)/);
      expect(policy, path).toMatch(/frame-ancestors 'none'/);
      expect(policy, path).not.toMatch(/unsafe-inline|unsafe-eval/);
    }
  });

  it('sends the policy as report-only with DJANGO_CSP_REPORT_ONLY=1', async () => {
    const script = [
      'from django.test import Client',
      'response = Client().get("/api/health/", secure=True, HTTP_HOST="localhost")',
      'print(sorted(h for h in response.headers if h.startswith("Content-Security")))',
    ].join('; ');
    const result = await runChecked('python', ['manage.py', 'shell', '-c', script], {
      cwd: backend(),
      env: { ...env, ...config, DJANGO_CSP_REPORT_ONLY: '1' },
      timeoutMs: 60_000,
    });
    expect(result.output.trim().split('\n').at(-1)).toBe("['Content-Security-Policy-Report-Only']");
  });

  it('serves the admin at DJANGO_ADMIN_PATH; /admin/ is then a client route', async () => {
    const login = await get(`/${ADMIN_PATH}/login/`);
    expect(login.status).toBe(200);
    expect(login.text()).toMatch(/Django/);
    const old = await get('/admin/');
    expect(old.status).toBe(200);
    expect(old.text()).toContain(SPA_MARKER);
  });

  it('checks database connections before reuse (CONN_HEALTH_CHECKS)', async () => {
    const result = await runChecked(
      'python',
      ['manage.py', 'shell', '-c', 'from django.conf import settings; print(settings.DATABASES["default"]["CONN_HEALTH_CHECKS"])'],
      { cwd: backend(), env: { ...env, ...config }, timeoutMs: 60_000 },
    );
    expect(result.output.trim().split('\n').at(-1)).toBe('True');
  });

  it('keeps answering while 4 slow clients hold connections with unfinished request headers', async () => {
    const slow: Socket[] = [];
    try {
      for (let i = 0; i < 4; i++) {
        const socket = connect(port, '127.0.0.1');
        socket.on('error', () => {});
        socket.write('GET /api/health/ HTTP/1.1\r\nHost: localhost\r\n');
        slow.push(socket);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      for (let i = 0; i < 10; i++) expect((await get('/api/health/')).status).toBe(200);
    } finally {
      for (const socket of slow) socket.destroy();
    }
  });

  for (const [variable, value, says] of [
    ['DJANGO_HSTS_SECONDS', 'abc', 'is not a whole number'],
    ['DJANGO_HSTS_PRELOAD', 'maybe', 'is not a yes/no value'],
    ['DATABASE_SSL_REQUIRE', 'sometimes', 'is not a yes/no value'],
    ['DJANGO_ADMIN_PATH', 'api', 'is not a usable path'],
    ['DJANGO_CSP_REPORT_ONLY', 'perhaps', 'is not a yes/no value'],
  ]) {
    it(`refuses ${variable}=${value} with ImproperlyConfigured naming it`, async () => {
      const result = await runCommand('python', ['manage.py', 'check', '--deploy'], {
        cwd: backend(),
        env: { ...env, ...config, [variable]: value },
        timeoutMs: 60_000,
      });
      expect(result.code, tail(result.output)).not.toBe(0);
      expect(result.output).toMatch(new RegExp(`ImproperlyConfigured: ${variable}=.*${says}`));
      expect(result.output).not.toMatch(/ValueError/);
    });
  }
});
