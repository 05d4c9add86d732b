import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { commitProject, exportCommit, git } from '../support/committed-tree.js';
import { BIN } from '../support/generators.js';
import { BEHIND_ROUTER, probe, waitForAnswer } from '../support/http-probe.js';
import type { PostgresServer } from '../support/postgres.js';
import { freePort, runChecked, runCommand, startService, tail, type CommandResult } from '../support/processes.js';
import { procfileCommand } from '../support/procfile.js';
import { installLikeHeroku } from '../support/python-env.js';
import { managerCommand } from './make-repo.js';
import type { PackageManager, Recipe } from './recipes.js';

/** The retrofit through the shipped bin, with `--yes` and no terminal; the bin forwards every :deploy flag. */
export function retrofit(repo: string, flags: string[], env: NodeJS.ProcessEnv): Promise<CommandResult> {
  return runCommand(process.execPath, [BIN, '--yes', ...flags], { cwd: repo, env, timeoutMs: 120_000 });
}

/** The Node.js buildpack's install: the lockfile's manager, devDependencies kept for the build, NODE_ENV=production. */
function installArgs(manager: PackageManager): string[] {
  switch (manager) {
    case 'npm':
      return ['ci', '--include=dev'];
    case 'yarn':
      return ['install', '--frozen-lockfile', '--production=false'];
    case 'yarn-berry':
      return ['install', '--immutable'];
    case 'pnpm':
      return ['install', '--frozen-lockfile', '--prod=false'];
  }
}

export interface Deployed {
  stop(): Promise<void>;
  port: number;
  /** A client script as collected under its own hashed name (for builds without an index.html). */
  hashedScript?: string;
}

/** `/static/<path>` of a collected .js named with a bundler's hash (not Django's 12-hex manifest copy). */
function findHashedScript(staticRoot: string, folder = ''): string | undefined {
  for (const entry of readdirSync(path.join(staticRoot, folder), { withFileTypes: true })) {
    const rel = folder ? `${folder}/${entry.name}` : entry.name;
    if (entry.isDirectory() && entry.name !== 'admin') {
      const found = findHashedScript(staticRoot, rel);
      if (found) return found;
    } else if (/-[A-Za-z0-9_-]{8}\.js$/.test(entry.name) && !/\.[0-9a-f]{12}\.js$/.test(entry.name)) return `/static/${rel}`;
  }
  return undefined;
}

/**
 * Builds the committed tree as Heroku would (the client by its lockfile's manager and heroku-postbuild,
 * the backend's dependencies from PyPI into a fresh venv), runs check --deploy and collectstatic, the
 * Procfile's release line on PostgreSQL, then its web line. Returns the running app.
 */
export async function buildAndRun(recipe: Recipe, repo: string, work: string, postgres: PostgresServer, env: NodeJS.ProcessEnv): Promise<Deployed> {
  const build = path.join(work, 'build');
  await exportCommit(repo, build, env);
  const run = (command: string, args: string[], cwd: string, runEnv: NodeJS.ProcessEnv) => runChecked(command, args, { cwd, env: runEnv, timeoutMs: 600_000 });

  const client = path.join(build, 'client');
  const nodeEnv = { ...env, NODE_ENV: 'production' };
  const manager = managerCommand(recipe.packageManager);
  await run(manager, installArgs(recipe.packageManager), client, nodeEnv);
  const pkg = JSON.parse(readFileSync(path.join(client, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  await run(manager, ['run', pkg.scripts?.['heroku-postbuild'] ? 'heroku-postbuild' : 'build'], client, nodeEnv);

  const backend = path.join(build, 'backend');
  const python = await installLikeHeroku(backend, path.join(work, 'venv'), env);
  const database = recipe.name.replace(/-/g, '_');
  await postgres.createDatabase(database);
  const appJson = JSON.parse(readFileSync(path.join(build, 'app.json'), 'utf8')) as { env: Record<string, { value?: string }> };
  const config: NodeJS.ProcessEnv = {
    ...python.env,
    DJANGO_SETTINGS_MODULE: appJson.env.DJANGO_SETTINGS_MODULE.value,
    DJANGO_SECRET_KEY: randomBytes(48).toString('base64url'),
    ALLOWED_HOSTS: 'localhost',
    DATABASE_URL: postgres.url(database),
    DATABASE_SSL_REQUIRE: '0',
  };
  // The Python buildpack's collectstatic: in the folder of manage.py, with PYTHONPATH=. and the config vars.
  await run('python', ['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'], backend, config);
  await run('python', ['manage.py', 'collectstatic', '--noinput', '-v', '0'], backend, { ...config, PYTHONPATH: '.' });

  const procfile = readFileSync(path.join(build, 'Procfile'), 'utf8');
  const [releaseCommand, releaseArgs] = procfileCommand(procfile, 'release', config);
  const release = await run(releaseCommand, releaseArgs, build, config);
  if (!/Applying auth\.0001_initial/.test(release.output)) throw new Error(`release did not migrate:\n${tail(release.output)}`);

  const port = await freePort();
  const webEnv = { ...config, PORT: String(port), WEB_CONCURRENCY: '1', GUNICORN_CMD_ARGS: `--bind 127.0.0.1:${port}` };
  const [webCommand, webArgs] = procfileCommand(procfile, 'web', webEnv);
  const web = startService(webCommand, webArgs, { cwd: build, env: webEnv });
  await waitForAnswer(web, port, '/api/');
  return { port, stop: () => web.stop(), hashedScript: findHashedScript(path.join(backend, 'staticfiles')) };
}

export interface ProbeResults {
  index: string;
  asset: string;
  deepLink: string;
  apiNotFound: string;
}

const ok = (good: boolean, what: string): string => (good ? 'ok' : `FAILED: ${what}`);

/** What Heroku's router would see: the index revalidated, a hashed asset cached for good, a deep link, a JSON 404. */
export async function probeApp(app: Deployed, recipe: Recipe): Promise<ProbeResults> {
  const get = (url: string) => probe(app.port, url, BEHIND_ROUTER);
  const api = await get('/api/nope/');
  const apiNotFound = ok(api.status === 404 && /json/.test(String(api.headers['content-type'])), `/api/nope/ answered ${api.status} ${String(api.headers['content-type'])}`);
  let assetUrl: string | undefined;
  let index = 'n/a (Django renders the pages)';
  let deepLink = 'n/a';
  if (recipe.index) {
    const page = await get('/');
    index = ok(page.status === 200 && page.headers['cache-control'] === 'no-cache', `/ answered ${page.status}, Cache-Control ${String(page.headers['cache-control'])}: ${page.text().slice(0, 200)}`);
    const deep = await get('/projects/42/edit');
    deepLink = ok(deep.status === 200 && deep.text() === page.text(), `deep link answered ${deep.status}`);
    assetUrl = /(?:src|href)="(\/static\/[^"]+\.js)"/.exec(page.text())?.[1];
  } else {
    // No index.html: a built script under its own hashed name, as the user's template would name it.
    assetUrl = app.hashedScript;
  }
  let asset = 'FAILED: no script found';
  if (assetUrl) {
    const response = await get(assetUrl);
    asset = ok(response.status === 200 && response.headers['cache-control'] === 'max-age=315360000, public, immutable', `${assetUrl} answered ${response.status}, Cache-Control ${String(response.headers['cache-control'])}`);
  }
  return { index, asset, deepLink, apiNotFound };
}

/** The retrofit's second run must change nothing: the working tree stays as committed. */
export async function changedBySecondRun(repo: string, flags: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const again = await retrofit(repo, flags, env);
  if (again.code !== 0) return `second run failed: ${tail(again.output, 10)}`;
  const status = await git(['status', '--porcelain'], repo, env);
  return status.output.trim();
}

export { commitProject };
