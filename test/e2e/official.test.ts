/**
 * The official layout rehearsed the way Heroku's own buildpacks build it, from the committed tree: the
 * Node.js buildpack's `npm ci` and `heroku-postbuild` at the root under NODE_ENV=production, then the
 * Python buildpack's install at the root from PyPI into a fresh venv and its `collectstatic` (manage.py
 * found below the root, run with PYTHONPATH=.), then `check --deploy`, the Procfile's release against
 * PostgreSQL and its web line, probed like the router. For every framework and for a retrofitted repo.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import helpers from 'yeoman-test';
import DeployGenerator from '../../generators/deploy/index.js';
import { CLIENT_PACKAGES } from '../../lib/client-versions.js';
import { checkBuild } from '../../lib/heroku-build/index.js';
import { FIXTURES } from '../fixtures/retrofit/layouts.js';
import { buildFromCommit, committedFiles } from '../support/committed-tree.js';
import { cleanEnvironment, productionConfig, readAnswers } from '../support/generated-project.js';
import { BIN, generatorSource } from '../support/generators.js';
import { BEHIND_ROUTER, probe, waitForAnswer } from '../support/http-probe.js';
import { startPostgres, type PostgresServer } from '../support/postgres.js';
import { fileExists, missingPrerequisites, POSTGRES_BIN } from '../support/prerequisites.js';
import { freePort, killAllStarted, runChecked, startService, type Service } from '../support/processes.js';
import { procfileCommand } from '../support/procfile.js';
import { installLikeHeroku, PYTHON_TOOLS_PREREQUISITES } from '../support/python-env.js';

const missing = missingPrerequisites({
  ...PYTHON_TOOLS_PREREQUISITES,
  'postgresql (15)': fileExists(join(POSTGRES_BIN, 'postgres')),
  'built bin (npm run build)': fileExists(BIN),
});

const FRAMEWORKS = ['react-ts', 'vue-ts', 'svelte-ts', 'vanilla-ts', 'none'];
// Django's manifest names: name.0123456789ab.ext
const HASHED_STATIC = /^\/static\/.+\.[0-9a-f]{12}\.[A-Za-z0-9]+$/;

// The retrofit: the settings package in api/ with a plain-JavaScript Vite client in web/ built to build/,
// on our pinned Vite (with `^8` the newest release's lock fails `npm ci` here: "Missing: napi-windows-process-start-time").
const fixture = FIXTURES.find((f) => f.name.startsWith('settings package in api/'))!;
const CLIENT_SOURCES: Record<string, string> = {
  'web/index.html': '<!doctype html>\n<html>\n  <body>\n    <div id="app"></div>\n    <script type="module" src="/src/main.js"></script>\n  </body>\n</html>\n',
  'web/src/main.js': "document.querySelector('#app').textContent = 'retrofitted client';\n",
  'web/package.json': `${JSON.stringify({ name: 'web', private: true, scripts: { build: 'vite build' }, devDependencies: { vite: CLIENT_PACKAGES['vanilla-ts'].devDependencies.vite } }, null, 2)}\n`,
};

let root = '';
let env: NodeJS.ProcessEnv = {};
let postgres: PostgresServer | undefined;
const services: Service[] = [];
const timings: string[] = [];

async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings.push(`${label}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

interface Rehearsal {
  label: string;
  /** The project folder the developer commits. */
  project: string;
  backendDir: string;
  settingsModule: string;
  /** The client's build output below the project, null for an API only. */
  clientDist: string | null;
  healthPath: string;
}

/** Heroku's build and run of the committed tree, step by step as the two buildpacks and the router do it. */
async function rehearse(spec: Rehearsal): Promise<void> {
  const step = <T>(name: string, work: () => Promise<T>) => timed(`${spec.label} ${name}`, work);
  const { dir } = await step('commit + git archive', () => buildFromCommit(spec.project, join(root, `${spec.label}-build`), env));
  const files = await committedFiles(spec.project, env);
  expect(files).not.toContain('.buildpacks');
  const tree = { files, read: (file: string) => (files.includes(file) ? readFileSync(join(dir, file), 'utf8') : undefined), committed: true };
  expect(checkBuild(tree, 'official').filter((finding) => finding.severity === 'error')).toEqual([]);

  if (spec.clientDist) {
    // The Node.js buildpack: the lockfile's npm ci at the root, then heroku-postbuild, both under NODE_ENV=production.
    const nodeEnv = { ...env, NODE_ENV: 'production' };
    await step('npm ci (root)', () => runChecked('npm', ['ci'], { cwd: dir, env: nodeEnv, timeoutMs: 120_000 }));
    await step('heroku-postbuild', () => runChecked('npm', ['run', 'heroku-postbuild'], { cwd: dir, env: nodeEnv, timeoutMs: 300_000 }));
    expect(existsSync(join(dir, spec.clientDist, 'index.html'))).toBe(true);
  }

  // The Python buildpack, at the root: the root requirements.txt includes the backend's.
  const python = await step('pip install (root)', () => installLikeHeroku(dir, join(root, 'venvs', spec.label), env));
  const database = spec.label.replace(/[^a-z0-9]/g, '_');
  await postgres!.createDatabase(database);
  const config = { ...productionConfig({ module: '', backendDir: '', framework: '', clientDir: '' }, postgres!.url(database)), DJANGO_SETTINGS_MODULE: spec.settingsModule };
  const runEnv = { ...python.env, ...config };
  const manage = `${spec.backendDir}/manage.py`;
  const collected = await step('collectstatic', () =>
    runChecked('python', [manage, 'collectstatic', '--noinput'], { cwd: dir, env: { ...runEnv, PYTHONPATH: '.' }, timeoutMs: 180_000 }),
  );
  expect(collected.output).toMatch(/static files? copied/);
  const check = await step('check --deploy', () =>
    runChecked('python', [manage, 'check', '--deploy', '--fail-level', 'WARNING'], { cwd: dir, env: runEnv, timeoutMs: 120_000 }),
  );
  expect(check.output).toContain('System check identified no issues');

  const procfile = readFileSync(join(dir, 'Procfile'), 'utf8');
  const [releaseCommand, releaseArgs] = procfileCommand(procfile, 'release', runEnv);
  const release = await step('release', () => runChecked(releaseCommand, releaseArgs, { cwd: dir, env: runEnv, timeoutMs: 120_000 }));
  expect(release.output).toMatch(/Applying auth\.0001_initial\.\.\. OK/);

  const port = await freePort();
  const webEnv = { ...runEnv, PORT: String(port), WEB_CONCURRENCY: '1', GUNICORN_CMD_ARGS: `--bind 127.0.0.1:${port}` };
  const [webCommand, webArgs] = procfileCommand(procfile, 'web', webEnv);
  const web = startService(webCommand, webArgs, { cwd: dir, env: webEnv });
  services.push(web);
  try {
    await step('web boot', () => waitForAnswer(web, port, spec.healthPath));
    const get = (path: string, headers: Record<string, string> = BEHIND_ROUTER) => probe(port, path, headers);
    const health = await get(spec.healthPath);
    expect(health.status).toBe(200);
    const index = await get('/');
    if (spec.clientDist) {
      expect(index.status).toBe(200);
      expect(index.headers['cache-control']).toMatch(/no-cache/);
      const assets = [...index.text().matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1]);
      expect(assets.length, index.text()).toBeGreaterThan(0);
      for (const asset of assets) {
        expect(asset).toMatch(HASHED_STATIC);
        const answer = await get(asset, { ...BEHIND_ROUTER, 'Accept-Encoding': 'br' });
        expect(answer.status, asset).toBe(200);
        expect(answer.headers['cache-control']).toBe('max-age=315360000, public, immutable');
        expect(answer.headers['content-encoding']).toBe('br');
      }
    }
  } finally {
    await web.stop();
  }
}

describe.skipIf(missing.length > 0)("the official layout, built as Heroku's own buildpacks build it", () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'e2e-official-'));
    mkdirSync(join(root, 'bin'));
    env = cleanEnvironment(join(root, 'bin'), join(root, 'npm-cache'));
    postgres = await startPostgres();
  }, 120_000);

  afterAll(async () => {
    try {
      for (const service of services) await service.stop();
      await postgres?.stop();
    } finally {
      killAllStarted();
      if (root) rmSync(root, { recursive: true, force: true });
      if (timings.length) console.log(`\nofficial layout rehearsal timings:\n  ${timings.join('\n  ')}\n`);
    }
  }, 300_000);

  describe.each(FRAMEWORKS)('a new %s project', (framework) => {
    it('generates with --buildpacks official and passes the rehearsal', async () => {
      const name = `official-${framework}`;
      await timed(`${framework} generate`, () =>
        runChecked(process.execPath, [BIN, name, '--yes', '--skip-install', '--skip-git', '--buildpacks', 'official', '--framework', framework], {
          cwd: root,
          env,
          timeoutMs: 60_000,
        }),
      );
      const project = join(root, name);
      const answers = readAnswers(project);
      expect(answers).toMatchObject({ layout: 'official' });
      const hasClient = framework !== 'none';
      if (hasClient) {
        // What the developer's `npm install` in the client commits: its lockfile, which the build's `npm ci` reads.
        await timed(`${framework} client lockfile`, () =>
          runChecked('npm', ['install', '--package-lock-only'], { cwd: join(project, answers.clientDir), env, timeoutMs: 180_000 }),
        );
      }
      await rehearse({
        label: framework,
        project,
        backendDir: answers.backendDir,
        settingsModule: `${answers.module}.settings.heroku`,
        clientDist: hasClient ? `${answers.clientDir}/dist` : null,
        healthPath: '/api/health/',
      });
    }, 600_000);
  });

  it('a retrofitted repo (:deploy --buildpacks official) passes the rehearsal', async () => {
    const repo = join(root, 'retrofit');
    const files = Object.entries({ ...fixture.files, ...CLIENT_SOURCES }).filter(([file]) => file !== 'web/pnpm-lock.yaml');
    for (const [file, contents] of files) {
      mkdirSync(join(repo, file, '..'), { recursive: true });
      writeFileSync(join(repo, file), contents);
    }
    // The developer's own install (a --package-lock-only lock can leave optional platform packages out, which npm ci refuses).
    await timed('retrofit client install', () => runChecked('npm', ['install'], { cwd: join(repo, 'web'), env, timeoutMs: 180_000 }));
    await timed('retrofit :deploy', async () => {
      await helpers.run(DeployGenerator, generatorSource('deploy')).withOptions({ yes: true, buildpacks: 'official' } as never).cd(repo);
    });
    expect(existsSync(join(repo, '.buildpacks'))).toBe(false);
    expect(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).scripts['heroku-postbuild']).toMatch(/^cd web && npm ci --include=dev && /);
    await rehearse({
      label: 'retrofit',
      project: repo,
      backendDir: fixture.expected.backendDir,
      settingsModule: fixture.expected.herokuSettings,
      clientDist: 'web/build',
      healthPath: '/api/ping/',
    });
  }, 600_000);
});
