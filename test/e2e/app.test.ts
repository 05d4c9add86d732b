/**
 * End-to-end proof (issues 3, 11): each generated project is committed, exported from its commit
 * (`git archive HEAD`, what Heroku receives), checked against Heroku's build rules, and goes through
 * Heroku's own sequence on real components — the backend's pinned dependencies from PyPI in a fresh
 * venv by the buildpack's command for its format (pip, pipenv, uv), npm + Vite, Django's collectstatic
 * and deploy check, the Procfile's release and web lines against a real PostgreSQL server over SSL —
 * and is probed over HTTP like a browser and like the router.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PYTHON_PACKAGES } from '../../lib/versions.js';
import { measureBuild } from '../support/build-size.js';
import { commitForBuild, installStack } from '../support/committed-build.js';
import {
  cleanEnvironment,
  generateProject,
  productionConfig,
  readAnswers,
  type ProjectAnswers,
} from '../support/generated-project.js';
import { BEHIND_ROUTER, probe, waitForAnswer, type ProbeResponse } from '../support/http-probe.js';
import { startPostgres, type PostgresServer } from '../support/postgres.js';
import { fileExists, missingPrerequisites, POSTGRES_BIN } from '../support/prerequisites.js';
import {
  freePort,
  killAllStarted,
  runChecked,
  runCommand,
  startService,
  tail,
  type Service,
} from '../support/processes.js';
import { procfileCommand } from '../support/procfile.js';
import { PYTHON_TOOLS_PREREQUISITES, type PythonEnvironment } from '../support/python-env.js';
import { StepReport } from '../support/step-report.js';
import { DEPENDENCY_FILES, FULL_RUN } from '../support/e2e-projects.js';

const BLACK = '/usr/bin/black';

const missing = missingPrerequisites({
  ...PYTHON_TOOLS_PREREQUISITES,
  git: fileExists('/usr/bin/git'),
  black: fileExists(BLACK),
  'postgresql (15)': fileExists(join(POSTGRES_BIN, 'postgres')),
  'runuser (to run postgres as the postgres user)': () =>
    process.getuid?.() !== 0 || existsSync('/usr/sbin/runuser') || existsSync('/sbin/runuser'),
  'built bin (npm run build)': fileExists(
    new URL('../../dist/bin/create-django-monorepo.js', import.meta.url).pathname,
  ),
});

// Markers of Django's technical (DEBUG) pages.
const DEBUG_PAGE = /DEBUG = True|Traceback|Using the URLconf defined in/;
// Django's manifest names: name.0123456789ab.ext
const HASHED_STATIC = /^\/static\/.+\.[0-9a-f]{12}\.[A-Za-z0-9]+$/;

const report = new StepReport();
let root = '';
let env: NodeJS.ProcessEnv = {};
let postgres: PostgresServer | undefined;
let postgresStartMs = 0;
const suiteStarted = performance.now();

describe.skipIf(missing.length > 0)('generated project, deployed as Heroku would run it', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'e2e-app-'));
    mkdirSync(join(root, 'src'));
    env = cleanEnvironment(undefined);
    const started = performance.now();
    postgres = await startPostgres();
    postgresStartMs = performance.now() - started;
  });

  afterAll(async () => {
    try {
      await postgres?.stop();
    } finally {
      killAllStarted();
      if (root) rmSync(root, { recursive: true, force: true });
      const suiteSeconds = ((performance.now() - suiteStarted) / 1000).toFixed(1);
      console.log(
        `\nEnd-to-end timings, installed stack and client build sizes (suite ${suiteSeconds} s; PostgreSQL server start ${(postgresStartMs / 1000).toFixed(1)} s;` +
          ` dist = client/dist, br = brotli q11 file by file):\n\n${report.table()}\n`,
      );
    }
  }, 300_000);

  describe.each(FULL_RUN)('$label', (spec) => {
    let source = '';
    let dir = '';
    let answers: ProjectAnswers;
    let stack: PythonEnvironment;
    let localPython = '';
    let config: NodeJS.ProcessEnv = {};
    let web: Service | undefined;
    let port = 0;
    let index: ProbeResponse | undefined;
    const done = new Set<string>();
    const hasClient = spec.framework !== 'none';
    const backendDir = () => join(dir, answers.backendDir);
    const clientDir = () => join(dir, answers.clientDir);
    const procfile = () => readFileSync(join(dir, 'Procfile'), 'utf8');
    const step = <T>(name: string, work: () => Promise<T>) => report.time(spec.label, name, work);
    // The venv's bin first on PATH: `python` and `gunicorn` are the project's own, as on the dyno.
    const appEnv = () => ({ ...stack.env, ...config });
    const python = (args: string[], timeoutMs = 120_000) =>
      runChecked('python', ['manage.py', ...args], { cwd: backendDir(), env: appEnv(), timeoutMs });
    const requires = (skip: (note?: string) => void, ...steps: string[]) => {
      const missingStep = steps.find((s) => !done.has(s));
      if (missingStep) skip(`an earlier step failed: ${missingStep}`);
    };
    const get = (path: string, headers: Record<string, string> = BEHIND_ROUTER) => probe(port, path, headers);

    let started = 0;
    beforeAll(() => {
      started = performance.now();
    });
    afterAll(async () => {
      report.recordWall(spec.label, performance.now() - started);
      await web?.stop();
      // Each project's folders go as soon as it is done: tens of thousands of files (client
      // node_modules, the venv) take a while to delete on a busy disk.
      for (const folder of [source, dir, `${dir}-scratch`, join(root, 'venvs', spec.name)]) {
        if (folder) rmSync(folder, { recursive: true, force: true });
      }
    }, 300_000);

    it('generates with the bin (--yes)', async () => {
      source = await step('generate', () => generateProject(spec, join(root, 'src'), env));
      answers = readAnswers(source);
      expect(answers).toMatchObject({
        module: spec.module ?? 'app',
        backendDir: spec.backend ?? 'backend',
        clientDir: spec.client ?? 'client',
      });
      const database = spec.name.replaceAll('-', '_');
      await postgres!.createDatabase(database);
      config = productionConfig(answers, postgres!.url(database));
      done.add('generated');
    });

    it("is committed, and Heroku's build rules accept the commit; everything else builds from its export", async ({
      skip,
    }) => {
      requires(skip, 'generated');
      const build = await commitForBuild(source, answers.backendDir, join(root, spec.name), env, step);
      dir = build.dir;
      expect(readAnswers(dir)).toEqual(answers);
      done.add('generate');
    });

    it('installs the backend like the Python buildpack: pinned, from PyPI, into a fresh venv', async ({ skip }) => {
      requires(skip, 'generate');
      const installed = await installStack(backendDir(), join(root, 'venvs', spec.name), env, step);
      stack = installed.python;
      localPython = installed.facts.python ?? '';
      report.recordFacts(spec.label, installed.facts);
      expect(installed.facts).toMatchObject({
        deps: spec.pythonDeps,
        Django: PYTHON_PACKAGES.django.version,
        psycopg: PYTHON_PACKAGES.postgresDriver.version,
        whitenoise: PYTHON_PACKAGES.whitenoise.version,
        gunicorn: PYTHON_PACKAGES.gunicorn.version,
      });
      done.add('python');
    }, 600_000);

    it('has a Procfile, .buildpacks and settings that follow the answers', ({ skip }) => {
      requires(skip, 'generate');
      const { module, backendDir: backend, clientDir: client } = answers;
      expect(procfile()).toBe(
        `release: python ${backend}/manage.py migrate --noinput\n` +
          `web: gunicorn --pythonpath ${backend} ${module}.wsgi --config ${backend}/gunicorn.conf.py\n`,
      );
      const buildpacks = readFileSync(join(dir, '.buildpacks'), 'utf8').trimEnd().split('\n');
      expect(buildpacks.map((line) => line.split('=')[0])).toEqual(hasClient ? [client, backend] : [backend]);
      for (const file of [
        'manage.py',
        `${module}/settings/heroku.py`,
        `${module}/wsgi.py`,
        '.python-version',
        ...DEPENDENCY_FILES[spec.pythonDeps ?? 'pip'],
      ]) {
        expect(existsSync(join(dir, backend, file)), `${backend}/${file}`).toBe(true);
      }
      expect(readFileSync(join(dir, backend, module, 'wsgi.py'), 'utf8')).toContain(`"${module}.settings.heroku"`);
      expect(existsSync(join(dir, client, 'package.json'))).toBe(hasClient);
    });

    it("writes Python in black's style", async ({ skip }) => {
      requires(skip, 'generate');
      await runChecked(BLACK, ['--check', '--quiet', answers.backendDir], { cwd: dir, env, timeoutMs: 60_000 });
    });

    if (hasClient)
      it('builds the client like the Node buildpack (npm ci or install, then heroku-postbuild or build)', async ({
        skip,
      }) => {
        requires(skip, 'generate');
        const cwd = clientDir();
        const install = existsSync(join(cwd, 'package-lock.json')) ? ['ci'] : ['install'];
        await step('npm install', () => runChecked('npm', install, { cwd, env, timeoutMs: 240_000 }));
        const scripts =
          (JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8')) as { scripts?: Record<string, string> })
            .scripts ?? {};
        const build = scripts['heroku-postbuild'] ? 'heroku-postbuild' : 'build';
        await step('client build', () => runChecked('npm', ['run', build], { cwd, env, timeoutMs: 180_000 }));
        expect(existsSync(join(cwd, 'dist', 'index.html'))).toBe(true);
        report.recordBuild(spec.label, measureBuild(join(cwd, 'dist')));
        done.add('client');
      }, 420_000);

    it('collects static files with the heroku settings', async ({ skip }) => {
      requires(skip, 'python', ...(hasClient ? ['client'] : []));
      const result = await step('collectstatic', () => python(['collectstatic', '--noinput']));
      expect(result.output).toMatch(/static files? copied/);
      if (hasClient) expect(existsSync(join(backendDir(), 'staticfiles', 'index.html'))).toBe(true);
      done.add('collectstatic');
    }, 180_000);

    it('passes check --deploy --fail-level WARNING', async ({ skip }) => {
      requires(skip, 'collectstatic');
      const result = await step('check --deploy', () => python(['check', '--deploy', '--fail-level', 'WARNING']));
      expect(result.output).toContain('System check identified no issues');
    }, 120_000);

    it("runs the Procfile's release line as written (migrates PostgreSQL)", async ({ skip }) => {
      requires(skip, 'python');
      const [command, args] = procfileCommand(procfile(), 'release', appEnv());
      const result = await step('release', () =>
        runChecked(command, args, { cwd: dir, env: appEnv(), timeoutMs: 120_000 }),
      );
      expect(result.output).toMatch(/Applying auth\.0001_initial\.\.\. OK/);
      done.add('release');
    }, 180_000);

    it('reaches PostgreSQL over SSL with the heroku settings, as Heroku Postgres requires', async ({ skip }) => {
      requires(skip, 'release');
      const query = 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()';
      const result = await python([
        'shell',
        '-c',
        `from django.db import connection\nwith connection.cursor() as c:\n    c.execute(${JSON.stringify(query)})\n    print("ssl", c.fetchone()[0])`,
      ]);
      expect(result.output).toContain('ssl True');
    });

    it("boots the Procfile's web line as written (PORT, WEB_CONCURRENCY=2, 127.0.0.1 only)", async ({ skip }) => {
      requires(skip, 'collectstatic', 'release');
      port = await freePort();
      const webEnv = {
        ...appEnv(),
        PORT: String(port),
        WEB_CONCURRENCY: '2',
        GUNICORN_CMD_ARGS: `--bind 127.0.0.1:${port}`,
      };
      const [command, args] = procfileCommand(procfile(), 'web', webEnv);
      web = startService(command, args, { cwd: dir, env: webEnv });
      report.record(spec.label, 'web boot', await waitForAnswer(web, port, '/api/health/'));
      expect(web.output()).toContain(`Listening at: http://127.0.0.1:${port}`);
      // The first worker may answer before the second has booted.
      await expect
        .poll(() => web!.output().match(/Booting worker with pid/g)?.length ?? 0, { timeout: 15_000 })
        .toBe(2);
      done.add('web');
    }, 60_000);

    it('/ answers 200 HTML, no-cache, with the security headers', async ({ skip }) => {
      requires(skip, 'web');
      index = await get('/');
      expect(index.status).toBe(200);
      expect(index.headers['content-type']).toMatch(/^text\/html/);
      expect(index.headers['cache-control']).toMatch(/no-cache/);
      expect(index.headers['strict-transport-security']).toBe('max-age=60; includeSubDomains; preload');
      expect(index.headers['x-content-type-options']).toBe('nosniff');
      expect(index.headers['x-frame-options']).toBe('DENY');
      expect(index.headers['referrer-policy']).toBe('same-origin');
      expect(index.text()).toMatch(/<html/i);
    });

    if (hasClient)
      it('/ names only hashed /static/ assets, each immutable, br and gzip, identical to the build', async ({
        skip,
      }) => {
        requires(skip, 'web');
        index ??= await get('/');
        const urls = [...index.text().matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)]
          .map((match) => match[1])
          .filter((url) => !url.startsWith('data:'));
        expect(urls.length).toBeGreaterThan(0);
        for (const url of urls) {
          expect(url).toMatch(HASHED_STATIC);
          const built = readFileSync(
            join(clientDir(), 'dist', url.slice('/static/'.length).replace(/\.[0-9a-f]{12}(\.[^.]+)$/, '$1')),
          );
          for (const [encoding, decode] of [
            ['br', brotliDecompressSync],
            ['gzip', gunzipSync],
            ['identity', (body: Buffer) => body],
          ] as const) {
            const asset = await get(url, { ...BEHIND_ROUTER, 'Accept-Encoding': encoding });
            expect(asset.status, url).toBe(200);
            expect(asset.headers['cache-control'], url).toBe('max-age=315360000, public, immutable');
            expect(asset.headers['content-encoding'], `${url} (${encoding})`).toBe(
              encoding === 'identity' ? undefined : encoding,
            );
            expect(Buffer.compare(decode(asset.body), built), `${url} (${encoding}) matches the build`).toBe(0);
          }
        }
      });

    it('/api/health/ reports the PostgreSQL database the release migrated', async ({ skip }) => {
      requires(skip, 'web');
      const health = await get('/api/health/');
      expect(health.status).toBe(200);
      expect(health.headers['content-type']).toMatch(/^application\/json/);
      expect(health.json()).toMatchObject({ status: 'ok', database: 'postgresql' });
    });

    it(
      hasClient ? 'a deep client route gets the SPA index' : 'an unknown page is a plain 404 (API only)',
      async ({ skip }) => {
        requires(skip, 'web');
        const deep = await get('/some/client/route');
        if (hasClient) {
          expect(deep.status).toBe(200);
          expect(deep.headers['cache-control']).toMatch(/no-cache/);
          expect(deep.text()).toBe((index ?? (await get('/'))).text());
        } else {
          expect(deep.status).toBe(404);
          expect(deep.text()).not.toMatch(DEBUG_PAGE);
        }
      },
    );

    it('/api/does-not-exist is a 404 in JSON', async ({ skip }) => {
      requires(skip, 'web');
      const response = await get('/api/does-not-exist');
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.json()).toMatchObject({ error: 'not found' });
    });

    it('/static/missing.js is a 404', async ({ skip }) => {
      requires(skip, 'web');
      const response = await get('/static/missing.js');
      expect(response.status).toBe(404);
      expect(response.text()).not.toMatch(/<div id="(root|app)">/);
    });

    it('plain http (no X-Forwarded-Proto) is redirected to https with 301', async ({ skip }) => {
      requires(skip, 'web');
      const response = await get('/some/page?x=1', { Host: 'localhost' });
      expect(response.status).toBe(301);
      expect(response.headers.location).toBe('https://localhost/some/page?x=1');
    });

    it('a foreign Host is refused with 400', async ({ skip }) => {
      requires(skip, 'web');
      const response = await get('/', { Host: 'attacker.example', 'X-Forwarded-Proto': 'https' });
      expect(response.status).toBe(400);
    });

    it('with DJANGO_DEBUG unset, errors show no debug page', async ({ skip }) => {
      requires(skip, 'web');
      expect(config.DJANGO_DEBUG).toBeUndefined();
      for (const [path, headers] of [
        ['/static/missing.js', BEHIND_ROUTER],
        ['/admin/does-not-exist/', BEHIND_ROUTER],
        ['/', { Host: 'attacker.example', 'X-Forwarded-Proto': 'https' }],
      ] as const) {
        const response = await get(path, headers);
        expect(response.status, path).toBeGreaterThanOrEqual(300);
        expect(response.text(), path).not.toMatch(DEBUG_PAGE);
      }
    });

    for (const variable of ['DJANGO_SECRET_KEY', 'DATABASE_URL']) {
      it(`the web process refuses to start without ${variable}, naming it`, async ({ skip }) => {
        requires(skip, 'python');
        const otherPort = await freePort();
        const webEnv: NodeJS.ProcessEnv = {
          ...appEnv(),
          PORT: String(otherPort),
          WEB_CONCURRENCY: '2',
          GUNICORN_CMD_ARGS: `--bind 127.0.0.1:${otherPort}`,
        };
        delete webEnv[variable];
        const [command, args] = procfileCommand(procfile(), 'web', webEnv);
        const result = await runCommand(command, args, { cwd: dir, env: webEnv, timeoutMs: 30_000 });
        expect(result.code, tail(result.output)).not.toBe(0);
        expect(result.output).not.toContain('[killed after');
        expect(result.output).toContain(`${variable} is not set`);
      }, 45_000);
    }

    if (spec.rehearse)
      it('the generated `manage.py rehearse` refuses to run without DATABASE_URL', async ({ skip }) => {
        requires(skip, 'python');
        const result = await runCommand('python', ['manage.py', 'rehearse'], {
          cwd: backendDir(),
          env: stack.env,
          timeoutMs: 30_000,
        });
        expect(result.code).not.toBe(0);
        expect(result.output).toContain('DATABASE_URL');
      }, 45_000);

    if (spec.rehearse)
      it('the generated `manage.py rehearse` passes and stops what it started', async ({ skip }) => {
        requires(skip, 'release');
        const rehearsalPort = await freePort();
        // What a user has on a laptop: development defaults plus a local database, no production secrets.
        const userEnv = { ...stack.env, DATABASE_URL: config.DATABASE_URL, DATABASE_SSL_REQUIRE: '0' };
        const result = await step('rehearse', () =>
          runCommand('python', ['manage.py', 'rehearse', '--port', String(rehearsalPort)], {
            cwd: backendDir(),
            env: userEnv,
            timeoutMs: 300_000,
          }),
        );
        expect(result.code, tail(result.output, 80)).toBe(0);
        expect(result.output).toMatch(/rehearsal passed/i);
        // It says when this Python is not the one Heroku will build with.
        const named = readFileSync(join(backendDir(), '.python-version'), 'utf8').trim();
        const note = `this is Python ${localPython}, but .python-version names ${named}`;
        if (localPython === named || localPython.startsWith(`${named}.`)) {
          expect(result.output).not.toContain('.python-version names');
        } else {
          expect(result.output).toContain(note);
        }
        // Its throwaway key (token_urlsafe(50): 67 characters) must not show up anywhere.
        expect(result.output).not.toMatch(/[A-Za-z0-9_-]{60,}/);
        await expect(probe(rehearsalPort, '/api/health/', BEHIND_ROUTER)).rejects.toThrow(/ECONNREFUSED/);
      }, 320_000);

    if (spec.rehearseFailure)
      it('the generated `manage.py rehearse` reports a failing release and exits non-zero', async ({ skip }) => {
        requires(skip, 'release');
        const userEnv = { ...stack.env, DATABASE_URL: postgres!.url('no_such_database'), DATABASE_SSL_REQUIRE: '0' };
        const result = await runCommand('python', ['manage.py', 'rehearse'], {
          cwd: backendDir(),
          env: userEnv,
          timeoutMs: 120_000,
        });
        expect(result.code).not.toBe(0);
        expect(result.output).toMatch(/FAIL\s+release/);
        expect(result.output).toContain('Rehearsal failed');
      }, 150_000);
  });
});
