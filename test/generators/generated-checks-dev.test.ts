/**
 * Issue 13, development: `python manage.py dev` in a generated project (react-ts, the pinned PyPI
 * stack in a venv) starts Django and Vite together, shows both logs, proxies /api/, the admin and
 * /static/ through Vite, picks up a client build made while it runs, prints Django's log lines once,
 * and stops both servers on Ctrl-C (SIGINT).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, generateProject } from '../support/generated-project.js';
import { probe } from '../support/http-probe.js';
import { fileExists, missingPrerequisites, SYSTEM_PYTHON } from '../support/prerequisites.js';
import { freePort, killAllStarted, runChecked, startService, type Service } from '../support/processes.js';

const missing = missingPrerequisites({
  'python3-venv': fileExists('/usr/lib/python3.11/ensurepip/__init__.py'),
  'built bin (npm run build)': fileExists(new URL('../../dist/bin/create-django-monorepo.js', import.meta.url).pathname),
});

let root = '';
let dir = '';
let env: NodeJS.ProcessEnv = {};
let dev: Service | undefined;
let djangoPort = 0;
let vitePort = 0;

describe.skipIf(missing.length > 0)('`python manage.py dev` runs Django and Vite together', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'generated-dev-'));
    mkdirSync(join(root, 'bin'));
    env = cleanEnvironment(join(root, 'bin'), join(root, 'npm-cache'));
    dir = await generateProject({ label: 'react-ts', name: 'dev-checks', framework: 'react-ts' }, root, env);
    const venv = join(root, 'venv');
    await runChecked(SYSTEM_PYTHON, ['-m', 'venv', venv], { cwd: root, env, timeoutMs: 60_000 });
    await runChecked(join(venv, 'bin', 'pip'), ['install', '-q', '-r', 'requirements.txt'], {
      cwd: join(dir, 'backend'),
      env: { ...env, PIP_DISABLE_PIP_VERSION_CHECK: '1' },
      timeoutMs: 300_000,
    });
    env = { ...env, PATH: `${join(venv, 'bin')}:${env.PATH ?? ''}` };
    await runChecked('npm', ['install'], { cwd: join(dir, 'client'), env, timeoutMs: 240_000 });
    djangoPort = await freePort();
    vitePort = await freePort();
    dev = startService('python', ['manage.py', 'dev', '--port', String(djangoPort), '--client-port', String(vitePort)], {
      cwd: join(dir, 'backend'),
      env,
    });
  }, 600_000);

  afterAll(async () => {
    try {
      await dev?.stop('SIGINT');
    } finally {
      killAllStarted();
      if (root) rmSync(root, { recursive: true, force: true });
    }
  });

  it('starts both servers and shows both logs, each line named', async () => {
    await expect
      .poll(() => dev!.output(), { timeout: 60_000, interval: 200 })
      .toMatch(new RegExp(`django \\| [\\s\\S]*Starting development server at http://127\\.0\\.0\\.1:${djangoPort}/`));
    // With CI set, Vite colours its banner (picocolors), so the escapes go before matching.
    const plain = () => dev!.output().replace(/\x1b\[[0-9;]*m/g, '');
    await expect.poll(plain, { timeout: 60_000, interval: 200 }).toMatch(/vite \| .*Local: +http:\/\/127\.0\.0\.1:/);
  }, 130_000);

  it("proxies /api/, the admin and Django's /static/ through Vite", async () => {
    const health = await probe(vitePort, '/api/health/');
    expect(health.status).toBe(200);
    expect(health.json()).toMatchObject({ status: 'ok', database: 'sqlite' });
    expect((await probe(vitePort, '/admin/login/')).text()).toMatch(/Django/);
    const css = await probe(vitePort, '/static/admin/css/base.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    // The client itself comes from Vite.
    expect((await probe(vitePort, '/')).text()).toMatch(/\/src\/main\.tsx/);
  });

  it('serves a client build made while it runs, without a restart', async () => {
    const before = await probe(djangoPort, '/');
    expect(before.status).toBe(503);
    expect(before.text()).toMatch(/has not been built/);
    await runChecked('npm', ['run', 'build'], { cwd: join(dir, 'client'), env, timeoutMs: 180_000 });
    const after = await probe(djangoPort, '/');
    expect(after.status).toBe(200);
    expect(after.text()).toContain('<div id="root">');
    const script = /src="(\/static\/[^"]+\.js)"/.exec(after.text())?.[1];
    expect((await probe(djangoPort, script!)).status).toBe(200);
  }, 240_000);

  it("prints each of Django's log lines once", async () => {
    await probe(djangoPort, '/api/not-here/');
    await expect.poll(() => dev!.output(), { timeout: 5_000 }).toMatch(/Not Found: \/api\/not-here\//);
    expect(dev!.output().match(/Not Found: \/api\/not-here\//g)).toHaveLength(1);
  });

  it('stops both servers on Ctrl-C (SIGINT) and exits 0', async () => {
    process.kill(dev!.pid, 'SIGINT');
    const exit = await dev!.exited;
    expect(exit.code, dev!.output().slice(-2000)).toBe(0);
    for (const port of [djangoPort, vitePort]) {
      await expect(probe(port, '/')).rejects.toThrow(/ECONNREFUSED/);
    }
  });
});
