/**
 * A retrofitted repo run the way Heroku runs it, on real components: committed and built from the
 * export of its commit, the backend's requirements (the user's, with what the retrofit added)
 * installed from PyPI into a fresh venv with pip, the client built by its own `heroku-postbuild`
 * (real Vite), collectstatic with the added settings, the Procfile's release line against a real
 * PostgreSQL server (SSL only) and its web line under gunicorn, probed over HTTP like the router.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import helpers from 'yeoman-test';
import DeployGenerator from '../../generators/deploy/index.js';
import { FIXTURES } from '../fixtures/retrofit/layouts.js';
import { commitForBuild, installStack } from '../support/committed-build.js';
import { cleanEnvironment } from '../support/generated-project.js';
import { generatorSource, REPO_ROOT } from '../support/generators.js';
import { BEHIND_ROUTER, probe, waitForAnswer } from '../support/http-probe.js';
import { startPostgres, type PostgresServer } from '../support/postgres.js';
import { fileExists, missingPrerequisites, POSTGRES_BIN } from '../support/prerequisites.js';
import { freePort, killAllStarted, runChecked, runCommand, startService, tail, type Service } from '../support/processes.js';
import { procfileCommand } from '../support/procfile.js';
import { PYTHON_TOOLS_PREREQUISITES } from '../support/python-env.js';

const missing = missingPrerequisites({
  ...PYTHON_TOOLS_PREREQUISITES,
  git: fileExists('/usr/bin/git'),
  'postgresql (15)': fileExists(path.join(POSTGRES_BIN, 'postgres')),
  'vite (devDependency of this repo)': fileExists(path.join(REPO_ROOT, 'node_modules/.bin/vite')),
});

// The settings package in api/ with a Vite client in web/ that builds to build/ (fixture 3), plus the client's sources.
const fixture = FIXTURES.find((f) => f.name.startsWith('settings package in api/'))!;
const CLIENT_SOURCES = {
  'web/index.html': '<!doctype html>\n<html>\n  <head><link rel="icon" href="/favicon.svg" /></head>\n  <body>\n    <div id="app"></div>\n    <script type="module" src="/src/main.js"></script>\n  </body>\n</html>\n',
  'web/src/main.js': "import './style.css';\ndocument.querySelector('#app').textContent = 'retrofitted client';\n",
  'web/src/style.css': 'body { font-family: sans-serif; }\n',
  'web/public/favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"></svg>\n',
  // The fixture's build runs tsc first; this client is plain JavaScript.
  // npm rather than the fixture's pnpm: only npm is installed here.
  'web/package-lock.json': '{}\n',
  'web/package.json': `${JSON.stringify({ name: 'web', private: true, scripts: { dev: 'vite', build: 'vite build' }, devDependencies: { vite: '^8.0.0' } }, null, 2)}\n`,
};

describe.skipIf(missing.length > 0)('a retrofitted repo, deployed as Heroku would run it', () => {
  let root = '';
  let repo = '';
  /** The export of the retrofitted repo's commit, where everything builds and runs. */
  let build = '';
  let env: NodeJS.ProcessEnv = {};
  let stackEnv: NodeJS.ProcessEnv = {};
  let config: NodeJS.ProcessEnv = {};
  let postgres: PostgresServer | undefined;
  let web: Service | undefined;
  let port = 0;
  const get = (url: string, headers: Record<string, string> = BEHIND_ROUTER) => probe(port, url, headers);

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'e2e-retrofit-'));
    env = cleanEnvironment(undefined);
    repo = path.join(root, 'repo');
    const files = Object.entries({ ...fixture.files, ...CLIENT_SOURCES }).filter(([file]) => file !== 'web/pnpm-lock.yaml');
    for (const [file, contents] of files) {
      mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
      writeFileSync(path.join(repo, file), contents);
    }
    postgres = await startPostgres();
    await postgres.createDatabase('retrofit');
    config = {
      DJANGO_SETTINGS_MODULE: fixture.expected.herokuSettings,
      DJANGO_SECRET_KEY: randomBytes(48).toString('base64url'),
      ALLOWED_HOSTS: 'localhost',
      DATABASE_URL: postgres.url('retrofit'),
    };
  }, 120_000);

  afterAll(async () => {
    try {
      await web?.stop();
      await postgres?.stop();
    } finally {
      killAllStarted();
      if (root) rmSync(root, { recursive: true, force: true });
    }
  });

  it('retrofits, builds the client with heroku-postbuild, collects, releases and serves', async () => {
    await helpers.run(DeployGenerator, generatorSource('deploy')).withOptions({ yes: true } as never).cd(repo);
    build = (await commitForBuild(repo, 'api', path.join(root, 'build'), env)).dir;
    const { python, facts } = await installStack(path.join(build, 'api'), path.join(root, 'venv'), env);
    // The user's `django>=3.2,<4`, from PyPI, with what the retrofit added for it.
    expect(facts.Django).toMatch(/^3\.2\.\d+$/);
    console.log(`retrofit e2e stack: ${JSON.stringify(facts)}`);
    stackEnv = python.env;

    // The Node buildpack installs the client's packages; this repo's own Vite stands in for them.
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(build, 'web/node_modules'));
    const postbuild = await runChecked('npm', ['run', 'heroku-postbuild'], { cwd: path.join(build, 'web'), env, timeoutMs: 120_000 });
    const index = readFileSync(path.join(build, 'web/build/index.html'), 'utf8');
    expect(index, tail(postbuild.output)).toMatch(/src="\/static\/assets\/index-[A-Za-z0-9_-]{8}\.js"/);

    const runEnv = { ...stackEnv, ...config };
    await runChecked('python', ['manage.py', 'collectstatic', '--noinput', '-v', '0'], { cwd: path.join(build, 'api'), env: runEnv, timeoutMs: 120_000 });
    expect(existsSync(path.join(build, 'api/staticfiles/index.html'))).toBe(true);
    await runChecked('python', ['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'], { cwd: path.join(build, 'api'), env: runEnv, timeoutMs: 60_000 });

    const procfile = readFileSync(path.join(build, 'Procfile'), 'utf8');
    const [releaseCommand, releaseArgs] = procfileCommand(procfile, 'release', runEnv);
    const release = await runChecked(releaseCommand, releaseArgs, { cwd: build, env: runEnv, timeoutMs: 120_000 });
    expect(release.output).toMatch(/Applying auth\.0001_initial/);

    port = await freePort();
    const webEnv = { ...runEnv, PORT: String(port), WEB_CONCURRENCY: '2', GUNICORN_CMD_ARGS: `--bind 127.0.0.1:${port}` };
    const [webCommand, webArgs] = procfileCommand(procfile, 'web', webEnv);
    web = startService(webCommand, webArgs, { cwd: build, env: webEnv });
    await waitForAnswer(web, port, '/api/ping/');

    const page = await get('/projects/42/edit');
    expect(page.status, page.text()).toBe(200);
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = /src="(\/static\/assets\/index-[A-Za-z0-9_-]{8}\.[0-9a-f]{12}\.js)"/.exec(page.text())?.[1];
    expect(script, page.text()).toBeDefined();
    expect(page.text()).toBe((await get('/')).text());

    const asset = await get(script!, { ...BEHIND_ROUTER, 'Accept-Encoding': 'br' });
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('max-age=315360000, public, immutable');
    expect(asset.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(asset.body).toString()).toContain('retrofitted client');

    expect((await get('/api/ping/')).json()).toEqual({ pong: true });
    const notFound = await get('/api/nope/');
    expect(notFound.status).toBe(404);
    expect(notFound.json()).toMatchObject({ error: 'not found' });
    expect((await get('/static/missing.js')).status).toBe(404);
    expect((await get('/admin/login/')).status).toBe(200);
    const plain = await get('/projects/42', { Host: 'localhost' });
    expect(plain.status).toBe(301);
    expect(plain.headers.location).toBe('https://localhost/projects/42');
  }, 600_000);

  for (const variable of ['DJANGO_SECRET_KEY', 'DATABASE_URL']) {
    it(`the web process refuses to start without ${variable}, naming it`, async () => {
      const otherPort = await freePort();
      const webEnv: NodeJS.ProcessEnv = { ...stackEnv, ...config, PORT: String(otherPort), GUNICORN_CMD_ARGS: `--bind 127.0.0.1:${otherPort}` };
      delete webEnv[variable];
      const [command, args] = procfileCommand(readFileSync(path.join(build, 'Procfile'), 'utf8'), 'web', webEnv);
      const result = await runCommand(command, args, { cwd: build, env: webEnv, timeoutMs: 30_000 });
      expect(result.code, tail(result.output)).not.toBe(0);
      expect(result.output).toContain(`${variable} is not set`);
    }, 45_000);
  }
});
