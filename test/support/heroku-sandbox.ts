import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../../lib/templates.js';
import { startHerokuStandIn, type HerokuStandIn } from './heroku-api.js';

/** The heroku CLI version the tests and `.ci/run` install (`npm install --prefix .tools/heroku heroku@…`). */
export const HEROKU_CLI_VERSION = '11.10.0';

// The package root, wherever this file runs from (sources, or dist/ when the bench compiles it).
const REPO = packageRoot(fileURLToPath(import.meta.url));

/** `$HEROKU_CLI`, else the copy `.ci/run` installs under `.tools/`. */
export function herokuCliPath(): string {
  return process.env.HEROKU_CLI || join(REPO, '.tools/heroku/node_modules/.bin/heroku');
}

/**
 * Everything an end-to-end run needs, all local and temporary: the API stand-in, a HOME and global git
 * config (with `https://git.heroku.com/` rewritten to local bare repos), and a wrapper around the CLI
 * that records each invocation's command name (never its arguments: they can hold secrets).
 */
export interface HerokuSandbox {
  root: string;
  standIn: HerokuStandIn;
  /** Environment for the generator and the CLI; point process.env at it with `useEnv`. */
  env: NodeJS.ProcessEnv;
  /** Command names (`apps:info`, `config:set`, …) of the heroku invocations since the last reset. */
  invocations(): string[];
  resetInvocations(): void;
  /** A git repository with the deployment files, one commit and `.yo-rc.json` answers. */
  createProject(name: string, stored?: Record<string, unknown>): string;
  /** Sets process.env to the sandbox's; returns the function that restores it. */
  useEnv(overrides?: NodeJS.ProcessEnv): () => void;
  close(): Promise<void>;
}

export async function startHerokuSandbox(): Promise<HerokuSandbox> {
  const root = mkdtempSync(join(tmpdir(), 'heroku-e2e-'));
  const home = join(root, 'home');
  const gitRoot = join(root, 'git-heroku');
  const projects = join(root, 'projects');
  for (const dir of [home, gitRoot, projects]) mkdirSync(dir, { recursive: true });
  const gitConfig = join(root, 'gitconfig');
  writeFileSync(
    gitConfig,
    `[user]\n\tname = E2E\n\temail = e2e@example.test\n[init]\n\tdefaultBranch = main\n[url "${gitRoot}/"]\n\tinsteadOf = https://git.heroku.com/\n`,
  );
  const log = join(root, 'invocations.log');
  const wrapper = join(root, 'heroku');
  writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$1" >> "$HEROKU_INVOCATION_LOG"\nexec "${herokuCliPath()}" "$@"\n`);
  chmodSync(wrapper, 0o755);

  const standIn = await startHerokuStandIn({ gitRoot });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local/share'),
    GIT_CONFIG_GLOBAL: gitConfig,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_TERMINAL_PROMPT: '0',
    HEROKU_HOST: standIn.url,
    HEROKU_PARTICLEBOARD_URL: standIn.url,
    // `buildpacks:add heroku/python` looks the name up in the buildpack registry first.
    HEROKU_BUILDPACK_REGISTRY_URL: standIn.url,
    HEROKU_API_KEY: standIn.apiKey,
    HEROKU_CLI: wrapper,
    HEROKU_INVOCATION_LOG: log,
    DISABLE_TELEMETRY: 'true',
    HEROKU_DISABLE_AUTOUPDATE: 'true',
    HEROKU_SKIP_NEW_VERSION_CHECK: 'true',
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    CI: process.env.CI,
  };
  // The CLI silently falls back to the real API when HEROKU_HOST is not a local URL with a scheme.
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(env.HEROKU_HOST ?? '')) throw new Error(`refusing HEROKU_HOST=${env.HEROKU_HOST}`);

  return {
    root,
    standIn,
    env,
    invocations: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
    resetInvocations: () => rmSync(log, { force: true }),
    createProject(name, stored = {}) {
      const dir = join(projects, name);
      mkdirSync(dir, { recursive: true });
      const answers = { module: 'app', backendDir: 'backend', herokuApp: name, ...stored };
      writeFileSync(join(dir, '.yo-rc.json'), `${JSON.stringify({ 'generator-django-monorepo': answers }, null, 2)}\n`);
      writeFileSync(join(dir, 'Procfile'), 'release: cd backend && python manage.py migrate --noinput\nweb: gunicorn --chdir backend app.wsgi\n');
      writeFileSync(join(dir, '.buildpacks'), 'client=https://github.com/heroku/heroku-buildpack-nodejs.git\nbackend=https://github.com/heroku/heroku-buildpack-python.git\n');
      // The folders .buildpacks names, with what Heroku's build rules ask of them (preflight checks the commit).
      const client = { name: `${name}-client`, private: true, engines: { node: '24.x' }, scripts: { build: 'vite build' } };
      for (const [file, text] of Object.entries({ 'backend/requirements.txt': 'Django==5.2.19\n', 'backend/.python-version': '3.14\n', 'client/package.json': `${JSON.stringify(client)}\n`, 'client/package-lock.json': '{}\n' })) {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), text);
      }
      const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
      git('init', '--quiet');
      git('add', '-A');
      git('commit', '--quiet', '-m', 'Initial commit');
      return dir;
    },
    useEnv(overrides = {}) {
      const saved = { ...process.env };
      for (const key of Object.keys(process.env)) delete process.env[key];
      Object.assign(process.env, env, overrides);
      for (const [key, value] of Object.entries(process.env)) if (value === undefined) delete process.env[key];
      return () => {
        for (const key of Object.keys(process.env)) delete process.env[key];
        Object.assign(process.env, saved);
      };
    },
    async close() {
      await standIn.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
