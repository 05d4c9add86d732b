import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHerokuGenerator, type HerokuRun } from '../support/heroku-generator.js';
import { herokuCliPath, startHerokuSandbox, type HerokuSandbox } from '../support/heroku-sandbox.js';
import { fileExists, missingPrerequisites } from '../support/prerequisites.js';

// The real heroku CLI against the local stand-in of the Platform API; pushes go to local bare repos.
const missing = missingPrerequisites({ [`heroku CLI at ${herokuCliPath()}`]: fileExists(herokuCliPath()) });

// A re-run knows its app: one round of three reads, no auth:whoami.
const READS = ['apps:info', 'buildpacks', 'config'];
const ROUND: Record<string, number> = { 'apps:info': 0, 'auth:whoami': 0, buildpacks: 1, config: 1 };

/** Reads run concurrently (one round for a known app, two for a new one), so their order within a round is free: sort them. */
function inOrder(invocations: string[]): string[] {
  const reads = invocations.findIndex((name) => ROUND[name] === undefined);
  const end = reads === -1 ? invocations.length : reads;
  const sorted = invocations.slice(0, end).sort((a, b) => ROUND[a] - ROUND[b] || a.localeCompare(b));
  return [...sorted, ...invocations.slice(end)];
}

describe.skipIf(missing.length > 0)('yo django-monorepo:heroku with the real heroku CLI', () => {
  let sandbox: HerokuSandbox;
  let restoreEnv: () => void;
  const runs: HerokuRun[] = [];
  const timings: string[] = [];

  async function run(label: string, project: string, options: Record<string, unknown>): Promise<HerokuRun> {
    sandbox.resetInvocations();
    const result = await runHerokuGenerator(project, options);
    runs.push(result);
    timings.push(`${label}: ${result.durationMs} ms, ${sandbox.invocations().length} heroku invocations`);
    return result;
  }

  const git = (project: string, ...args: string[]) => execFileSync('git', args, { cwd: project, env: sandbox.env, encoding: 'utf8' }).trim();
  const changesSince = (mark: number) => sandbox.standIn.requests.slice(mark).filter((r) => r.method !== 'GET');

  beforeAll(async () => {
    sandbox = await startHerokuSandbox();
    restoreEnv = sandbox.useEnv();
  });

  afterAll(async () => {
    restoreEnv?.();
    await sandbox?.close();
    if (timings.length) console.log(`heroku e2e timings:\n  ${timings.join('\n  ')}`);
  });

  describe('a new project', () => {
    let project: string;
    beforeAll(() => {
      project = sandbox.createProject('shop');
    });

    it('--dry-run prints the exact commands, secrets redacted, and changes nothing', async () => {
      const mark = sandbox.standIn.requests.length;
      const before = git(project, 'config', '--list', '--local');
      const result = await run('dry run (new app)', project, { 'dry-run': true });
      expect(result.error).toBeNull();
      expect(result.log).toContain('$ heroku apps:create shop --no-remote --json --buildpack https://github.com/negativetwelve/heroku-buildpack-subdir#');
      expect(result.log).toContain('$ heroku addons:create heroku-postgresql:essential-0 -a shop --wait');
      expect(result.log).toContain('is a paid plan');
      expect(result.log).toContain('DJANGO_SECRET_KEY=<redacted>');
      expect(result.log).toContain('$ git push heroku main:main');
      expect(result.log).toContain('Dry run: nothing was changed.');
      expect(inOrder(sandbox.invocations())).toEqual(['apps:info', 'auth:whoami']);
      expect(changesSince(mark)).toEqual([]);
      expect(sandbox.standIn.apps.has('shop')).toBe(false);
      expect(git(project, 'config', '--list', '--local')).toBe(before);
      expect(result.stored).not.toHaveProperty('herokuAppId');
    });

    it('the first run applies every step in order, within 8 heroku invocations besides the push', async () => {
      const result = await run('first run (nothing → deployed)', project, { yes: true });
      expect(result.error).toBeNull();
      expect(inOrder(sandbox.invocations())).toEqual(['apps:info', 'auth:whoami', 'apps:create', 'addons:create', 'config:set', 'ps:scale']);
      expect(sandbox.invocations().length).toBeLessThanOrEqual(8);
      const steps = [...result.log.matchAll(/^\[(\d)\/6\] (.*)$/gm)].map((m) => m[2].split(' ').slice(0, 2).join(' '));
      expect(steps).toEqual(['Create app', 'Create the', 'Set config', 'Add the', 'Deploy branch', 'Start one']);

      const app = sandbox.standIn.apps.get('shop')!;
      const host = new URL(app.webUrl).hostname;
      expect(host).toMatch(/^shop-[0-9a-f]{12}\.herokuapp\.com$/);
      expect(app.buildpacks).toEqual([expect.stringMatching(/^https:\/\/github\.com\/negativetwelve\/heroku-buildpack-subdir#[0-9a-f]{40}$/)]);
      expect(app.addons.map((a) => a.plan)).toEqual(['heroku-postgresql:essential-0']);
      expect(app.config).toMatchObject({
        ALLOWED_HOSTS: host,
        CSRF_TRUSTED_ORIGINS: `https://${host}`,
        DJANGO_DEBUG: '',
        DJANGO_SETTINGS_MODULE: 'app.settings.heroku',
        DATABASE_URL: expect.any(String),
      });
      expect(app.config.DJANGO_SECRET_KEY).toMatch(/^[A-Za-z0-9_-]{64}$/);
      expect(app.formation).toEqual({ web: 1 });
      expect(git(project, 'config', '--get', 'remote.heroku.url')).toBe('https://git.heroku.com/shop.git');
      const deployed = execFileSync('git', ['--git-dir', join(sandbox.standIn.gitRoot, 'shop.git'), 'rev-parse', 'main'], { encoding: 'utf8' }).trim();
      expect(deployed).toBe(git(project, 'rev-parse', 'HEAD'));
      expect(result.stored).toMatchObject({ herokuApp: 'shop', herokuAppId: app.id, herokuRegion: 'us', herokuPostgresPlan: 'essential-0' });
    });

    it('a re-run with nothing to do only reads: 3 invocations, and --json says so', async () => {
      const mark = sandbox.standIn.requests.length;
      const result = await run('re-run with nothing to do', project, { yes: true, json: true });
      expect(result.error).toBeNull();
      expect(inOrder(sandbox.invocations())).toEqual(READS);
      expect(changesSince(mark)).toEqual([]);
      const report = JSON.parse(result.stdout);
      expect(report).toMatchObject({ app: 'shop', appExisted: true, upToDate: true, plan: [], results: [], error: null });
      expect(result.log).not.toContain('.yo-rc.json'); // nothing to store: the file is not rewritten
    });

    it('--open opens the app in the browser, after the reads', async () => {
      const opened = join(sandbox.root, 'opened-url');
      const browser = join(sandbox.root, 'browser');
      writeFileSync(browser, `#!/bin/sh\nprintf '%s' "$1" > '${opened}'\n`);
      chmodSync(browser, 0o755);
      const restore = sandbox.useEnv({ BROWSER: browser });
      try {
        const result = await run('re-run with --open', project, { yes: true, open: true });
        expect(result.error).toBeNull();
        expect(inOrder(sandbox.invocations())).toEqual([...READS, 'open']);
        // `open` starts the browser detached: give it a moment.
        for (let i = 0; i < 50 && !existsSync(opened); i += 1) await new Promise((done) => setTimeout(done, 100));
        expect(readFileSync(opened, 'utf8')).toBe(sandbox.standIn.apps.get('shop')!.webUrl);
      } finally {
        restore();
      }
    });

    it('a new commit is pushed without touching anything else', async () => {
      git(project, 'commit', '--allow-empty', '-q', '-m', 'Second commit');
      const result = await run('re-run with a new commit', project, { yes: true, json: true });
      expect(result.error).toBeNull();
      expect(JSON.parse(result.stdout).plan.map((step: { step: string }) => step.step)).toEqual(['push']);
      expect(inOrder(sandbox.invocations())).toEqual(READS);
    });

    it('--rotate-secret replaces the key in one config:set without printing either key', async () => {
      const before = sandbox.standIn.apps.get('shop')!.config.DJANGO_SECRET_KEY;
      const result = await run('rotate secret', project, { yes: true, 'rotate-secret': true });
      expect(result.error).toBeNull();
      expect(inOrder(sandbox.invocations())).toEqual([...READS, 'config:set']);
      expect(sandbox.standIn.apps.get('shop')!.config.DJANGO_SECRET_KEY).not.toBe(before);
      expect(result.log).toContain('DJANGO_SECRET_KEY=<redacted>');
    });

    it('a stored app that was deleted is reported and cleared, not recreated', async () => {
      const mark = sandbox.standIn.requests.length;
      sandbox.standIn.apps.delete('shop');
      const result = await run('stored app deleted', project, { yes: true });
      expect(result.error?.message).toMatch(/"shop" recorded in \.yo-rc\.json no longer exists/);
      expect(result.error?.message).toMatch(/--app NAME/);
      // Its id was stored, so the three reads ran at once; the app read's 404 is what counts.
      expect(inOrder(sandbox.invocations())).toEqual(READS);
      expect(changesSince(mark)).toEqual([]);
      expect(result.stored).not.toHaveProperty('herokuApp');
      expect(result.stored).not.toHaveProperty('herokuAppId');
    });
  });

  it('stops at a failing add-on step with the command, the CLI message and what to do; a re-run continues', async () => {
    const project = sandbox.createProject('flaky-db', { herokuRegion: 'eu' });
    sandbox.standIn.inject({ method: 'POST', path: /^\/apps\/flaky-db\/addons$/, status: 422, id: 'invalid_params', message: 'Plan essential-0 is not available right now.', times: 1 });
    const failed = await run('run failing at the add-on', project, { yes: true });
    expect(failed.error?.message).toContain('Step "create-postgres" failed: `heroku addons:create heroku-postgresql:essential-0 -a flaky-db --wait`');
    expect(failed.error?.message).toContain('Plan essential-0 is not available right now.');
    expect(failed.error?.message).toMatch(/→ .*run the generator again: steps already done are skipped/);
    expect(inOrder(sandbox.invocations())).toEqual(['apps:info', 'auth:whoami', 'apps:create', 'addons:create']);
    expect(failed.stored).toMatchObject({ herokuApp: 'flaky-db', herokuRegion: 'eu', herokuAppId: sandbox.standIn.apps.get('flaky-db')!.id });

    const resumed = await run('re-run after the failure', project, { yes: true });
    expect(resumed.error).toBeNull();
    expect(inOrder(sandbox.invocations())).toEqual([...READS, 'addons:create', 'config:set', 'ps:scale']);
    expect(sandbox.standIn.requests.filter((r) => r.method === 'POST' && r.path === '/apps')).toHaveLength(2); // shop, flaky-db
    expect(sandbox.standIn.apps.get('flaky-db')!.addons).toHaveLength(1);
    expect(sandbox.standIn.apps.get('flaky-db')!.region).toBe('eu');
  });

  it('a Heroku outage (5xx) names the failing step and says to retry later', async () => {
    const project = sandbox.createProject('outage');
    sandbox.standIn.inject({ method: 'PATCH', path: /^\/apps\/outage\/config-vars$/, status: 503, id: 'unavailable', message: 'Service temporarily unavailable.' });
    const result = await run('5xx at config:set', project, { yes: true, 'skip-deploy': true });
    expect(result.error?.message).toContain('Step "set-config" failed');
    expect(result.error?.message).toContain('DJANGO_SECRET_KEY=<redacted>');
    expect(result.error?.message).toMatch(/status\.heroku\.com/);
  });

  it('a name taken by another account stops at apps:create and asks for another name', async () => {
    sandbox.standIn.takenNames.add('taken-name');
    const project = sandbox.createProject('taken-name');
    const result = await run('name taken', project, { yes: true });
    expect(result.error?.name).toBe('AppNameTakenError');
    expect(result.error?.message).toMatch(/"taken-name" is taken by another account[\s\S]*--app NAME/);
    expect(inOrder(sandbox.invocations())).toEqual(['apps:info', 'auth:whoami', 'apps:create']);
    expect(result.stored).not.toHaveProperty('herokuAppId');
  });

  it('a CLI that is not logged in (bad API key, or none) fails before anything changes', async () => {
    const project = sandbox.createProject('no-login');
    const mark = sandbox.standIn.requests.length;
    for (const key of ['wrong-api-key-0123456789', '']) {
      const restore = sandbox.useEnv({ HEROKU_API_KEY: key || undefined });
      try {
        const result = await run(`not logged in (${key ? 'bad key' : 'no key'})`, project, { yes: true });
        expect(result.error?.name).toBe('NotLoggedInError');
        expect(result.error?.message).toMatch(/heroku login[\s\S]*HEROKU_API_KEY/);
        if (key) expect(result.error?.message).not.toContain(key);
      } finally {
        restore();
      }
    }
    expect(changesSince(mark)).toEqual([]);
  });

  it('declining the confirmation changes nothing', async () => {
    const project = sandbox.createProject('declined');
    const mark = sandbox.standIn.requests.length;
    sandbox.resetInvocations();
    const result = await runHerokuGenerator(project, {}, { proceed: false });
    runs.push(result);
    expect(result.error).toBeNull();
    expect(result.log).toContain('$ heroku apps:create declined');
    expect(result.log).toContain('Nothing was changed.');
    expect(inOrder(sandbox.invocations())).toEqual(['apps:info', 'auth:whoami']);
    expect(changesSince(mark)).toEqual([]);
  });

  it('a missing CLI says how to install it', async () => {
    const project = sandbox.createProject('no-cli');
    const restore = sandbox.useEnv({ HEROKU_CLI: join(sandbox.root, 'nowhere/heroku') });
    try {
      const result = await runHerokuGenerator(project, { yes: true });
      runs.push(result);
      expect(result.error?.name).toBe('HerokuCliMissingError');
      expect(result.error?.message).toMatch(/npm install -g heroku/);
    } finally {
      restore();
    }
  });

  it('preflight: missing deployment files or no commit stop before any heroku call', async () => {
    const bare = sandbox.createProject('no-files');
    rmSync(join(bare, '.buildpacks'));
    const noFiles = await run('preflight: no .buildpacks', bare, { yes: true });
    expect(noFiles.error?.message).toMatch(/\.buildpacks are missing[\s\S]*yo django-monorepo:deploy/);
    expect(inOrder(sandbox.invocations())).toEqual([]);

    const uncommitted = sandbox.createProject('not-committed');
    git(uncommitted, 'rm', '--cached', '--quiet', 'Procfile');
    git(uncommitted, 'commit', '--quiet', '-m', 'Untrack the Procfile');
    const notCommitted = await run('preflight: Procfile not committed', uncommitted, { yes: true });
    expect(notCommitted.error?.message).toMatch(/Procfile exists but is not in the last commit[\s\S]*git add Procfile/);
    expect(sandbox.invocations()).toEqual([]);

    const fresh = sandbox.createProject('no-commit');
    git(fresh, 'update-ref', '-d', 'HEAD');
    const noCommit = await run('preflight: no commit', fresh, { yes: true });
    expect(noCommit.error?.name).toBe('NoCommitError');
    expect(inOrder(sandbox.invocations())).toEqual([]);
  });

  it('no secret reached any output, error, JSON or .yo-rc.json', () => {
    const secrets = [sandbox.standIn.apiKey, ...sandbox.standIn.configValuesSet.filter((value) => value.length >= 40 && !value.includes('.'))];
    expect(secrets.length).toBeGreaterThanOrEqual(4); // the API key and the keys of shop (twice), flaky-db
    const everything = runs.map((r) => [r.log, r.stdout, r.error?.message ?? '', r.error?.stack ?? '', r.yoRc].join('\n')).join('\n');
    for (const secret of secrets) expect(everything).not.toContain(secret);
    expect(everything).toContain('<redacted>');
  });
});
