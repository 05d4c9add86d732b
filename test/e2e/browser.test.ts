/**
 * Issue 13, in a real browser: headless Chromium (Debian's `chromium`, driven by playwright-core)
 * opens the production app of every framework — client built, collectstatic, the Procfile's web line,
 * the pinned PyPI stack in a venv — and checks that the page renders the status from /api/health/,
 * that a deep link reloads to the same view, and that the console shows no error and no CSP
 * violation. Screenshots go to the test's temp folder; their paths are printed.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnvironment, generateProject, productionConfig, readAnswers } from '../support/generated-project.js';
import { waitForAnswer } from '../support/http-probe.js';
import { startPostgres, type PostgresServer } from '../support/postgres.js';
import { fileExists, missingPrerequisites, POSTGRES_BIN, SYSTEM_PYTHON } from '../support/prerequisites.js';
import { freePort, killAllStarted, runChecked, startService, type Service } from '../support/processes.js';
import { procfileCommand } from '../support/procfile.js';

const CHROMIUM = '/usr/bin/chromium';
const missing = missingPrerequisites({
  'chromium (Debian package)': fileExists(CHROMIUM),
  'python3-venv': fileExists('/usr/lib/python3.11/ensurepip/__init__.py'),
  'postgresql (15)': fileExists(join(POSTGRES_BIN, 'postgres')),
  'built bin (npm run build)': fileExists(new URL('../../dist/bin/create-django-monorepo.js', import.meta.url).pathname),
});

const FRAMEWORKS = ['react-ts', 'vue-ts', 'svelte-ts', 'vanilla-ts'];
// Playwright adds --headless itself (headless: true) and the profile folder (--user-data-dir).
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * A fresh profile (nothing cached from another app) behind a stand-in for Heroku's router: https as far as
 * Django knows. `problems` collects console errors, CSP reports, page errors, failed requests and, with
 * `failedResponses`, every 4xx/5xx answer; `exempt` is a resource URL whose console message is expected.
 */
async function openPage(profile: string, options: { exempt?: string; failedResponses?: boolean } = {}) {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: LAUNCH_ARGS,
    extraHTTPHeaders: { 'X-Forwarded-Proto': 'https' },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (message) => {
    if (options.exempt !== undefined && message.location().url === options.exempt) return;
    if (message.type() === 'error' || /Content.Security.Policy/i.test(message.text())) problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`failed: ${request.url()} ${request.failure()?.errorText}`));
  if (options.failedResponses) {
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()}: ${response.url()}`);
    });
  }
  return { context, page, problems };
}

let root = '';
let baseEnv: NodeJS.ProcessEnv = {};
let postgres: PostgresServer | undefined;
const screenshots: string[] = [];

describe.skipIf(missing.length > 0)('the production app in headless Chromium', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'browser-'));
    mkdirSync(join(root, 'bin'));
    baseEnv = cleanEnvironment(join(root, 'bin'), join(root, 'npm-cache'));
    postgres = await startPostgres();
  }, 120_000);

  afterAll(async () => {
    try {
      await postgres?.stop();
    } finally {
      killAllStarted();
      console.log(`\nBrowser screenshots (deleted with ${root} at the end of the run):\n  ${screenshots.join('\n  ')}\n`);
      if (root) rmSync(root, { recursive: true, force: true });
    }
  });

  describe.each(FRAMEWORKS)('%s', (framework) => {
    let web: Service | undefined;
    let served: { origin: string; dir: string; env: NodeJS.ProcessEnv } | undefined;
    afterAll(async () => {
      await web?.stop();
    });

    it(
      'renders the health status, reloads a deep link to the same view, with no console error or CSP violation',
      async () => {
        const name = `browser-${framework.replace('-ts', '')}`;
        const dir = await generateProject({ label: framework, name, framework }, root, baseEnv);
        const venv = join(root, `${name}-venv`);
        await runChecked(SYSTEM_PYTHON, ['-m', 'venv', venv], { cwd: root, env: baseEnv, timeoutMs: 60_000 });
        await runChecked(join(venv, 'bin', 'pip'), ['install', '-q', '-r', 'requirements.txt'], {
          cwd: join(dir, 'backend'),
          env: { ...baseEnv, PIP_DISABLE_PIP_VERSION_CHECK: '1' },
          timeoutMs: 300_000,
        });
        const env = { ...baseEnv, PATH: `${join(venv, 'bin')}:${baseEnv.PATH ?? ''}` };
        await runChecked('npm', ['install'], { cwd: join(dir, 'client'), env, timeoutMs: 240_000 });
        await runChecked('npm', ['run', 'build'], { cwd: join(dir, 'client'), env, timeoutMs: 180_000 });
        const database = name.replaceAll('-', '_');
        await postgres!.createDatabase(database);
        const runEnv = { ...env, ...productionConfig(readAnswers(dir), postgres!.url(database)) };
        await runChecked('python', ['manage.py', 'collectstatic', '--noinput'], {
          cwd: join(dir, 'backend'),
          env: runEnv,
          timeoutMs: 180_000,
        });
        const procfile = readFileSync(join(dir, 'Procfile'), 'utf8');
        const [release, releaseArgs] = procfileCommand(procfile, 'release', runEnv);
        await runChecked(release, releaseArgs, { cwd: dir, env: runEnv, timeoutMs: 120_000 });
        const port = await freePort();
        // The browser's origin is http:// here (no TLS in front, unlike Heroku's router), so the admin's login
        // POST is trusted by name; every other setting stays as production has it.
        const webEnv = {
          ...runEnv,
          PORT: String(port),
          WEB_CONCURRENCY: '2',
          GUNICORN_CMD_ARGS: `--bind 127.0.0.1:${port}`,
          CSRF_TRUSTED_ORIGINS: `http://localhost:${port}`,
        };
        const [command, args] = procfileCommand(procfile, 'web', webEnv);
        web = startService(command, args, { cwd: dir, env: webEnv });
        await waitForAnswer(web, port, '/api/health/');

        const { context, page, problems } = await openPage(join(root, `${name}-profile`));
        const origin = `http://localhost:${port}`;
        served = { origin, dir, env: runEnv };

        const response = await page.goto(`${origin}/`, { waitUntil: 'networkidle' });
        expect(response?.status()).toBe(200);
        expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
        await expect.poll(() => page.locator('dd').first().textContent(), { timeout: 15_000 }).toBe('ok');
        const view = await page.locator('main').innerText();
        expect(view).toMatch(/postgresql/);
        const home = join(root, `${name}-home.png`);
        await page.screenshot({ path: home, fullPage: true });

        const deep = await page.goto(`${origin}/some/deep/link`, { waitUntil: 'networkidle' });
        expect(deep?.status()).toBe(200);
        await page.reload({ waitUntil: 'networkidle' });
        await expect.poll(() => page.locator('dd').first().textContent(), { timeout: 15_000 }).toBe('ok');
        expect(await page.locator('main').innerText()).toBe(view);
        const deepShot = join(root, `${name}-deep-link.png`);
        await page.screenshot({ path: deepShot, fullPage: true });
        screenshots.push(home, deepShot);
        expect(existsSync(home) && existsSync(deepShot)).toBe(true);

        expect(problems).toEqual([]);
        await context.close();
      },
      900_000,
    );

    // The admin is Django's own pages and scripts, under the same CSP as the client: one framework is enough.
    if (framework === FRAMEWORKS[0]) {
      it(
        'serves the admin styled and scripted under the CSP: login, the index, the user list and the add form',
        async () => {
          expect(served, 'the app of the test above is running').toBeDefined();
          const { origin, dir, env } = served!;
          // The password reaches createsuperuser through its environment, never a command line.
          const password = randomBytes(18).toString('base64url');
          await runChecked('python', ['manage.py', 'createsuperuser', '--noinput', '--username', 'owner', '--email', 'owner@example.com'], {
            cwd: join(dir, 'backend'),
            env: { ...env, DJANGO_SUPERUSER_PASSWORD: password },
            timeoutMs: 60_000,
          });
          // The admin's pages name no icon, so Chromium asks for /favicon.ico, which rightly answers 404.
          const { context, page, problems } = await openPage(join(root, 'admin-profile'), { exempt: `${origin}/favicon.ico`, failedResponses: true });
          try {
            const login = await page.goto(`${origin}/admin/login/?next=/admin/`, { waitUntil: 'networkidle' });
            expect(login?.status()).toBe(200);
            expect(login?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
            // Styled: the admin's stylesheet applied (the header has its colour, not the browser's default).
            expect(await page.locator('#header').evaluate((node) => getComputedStyle(node).backgroundColor)).not.toBe('rgba(0, 0, 0, 0)');
            await page.fill('#id_username', 'owner');
            await page.fill('#id_password', password);
            await Promise.all([page.waitForURL(`${origin}/admin/`), page.click('input[type=submit]')]);
            expect(await page.locator('#site-name').innerText()).toMatch(/administration/i);

            await page.goto(`${origin}/admin/auth/user/`, { waitUntil: 'networkidle' });
            // The changelist's actions script ran: it adds the "select all" checkbox's behaviour and counter.
            await page.check('#action-toggle');
            await expect.poll(() => page.locator('.action-counter').innerText()).toMatch(/1 of 1 selected/);
            await page.goto(`${origin}/admin/auth/user/add/`, { waitUntil: 'networkidle' });
            expect(await page.locator('#id_username').count()).toBe(1);
            const shot = join(root, 'admin-user-add.png');
            await page.screenshot({ path: shot, fullPage: true });
            screenshots.push(shot);
            expect(problems).toEqual([]);
          } finally {
            await context.close();
          }
        },
        300_000,
      );
    }
  });
});
