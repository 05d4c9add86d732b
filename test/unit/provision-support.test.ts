import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answersToStore, checkStoredApp, resolveDesired, warningsFor } from '../../lib/provision/desired.js';
import { parseCliError, StoredAppMissingError } from '../../lib/provision/errors.js';
import { failureOf } from '../../lib/provision/run-planned.js';
import { CommandRunner, formatCommandLine, shellQuote } from '../../lib/provision/runner.js';
import { generateSecretKey } from '../../lib/provision/secret.js';
import { parseAppInfo, parseBuildpacks, parseConfigVars, parseLsRemote, READS } from '../../lib/provision/state.js';
import type { HerokuState } from '../../lib/provision/types.js';
import { InvalidOptionError } from '../../lib/options.js';

describe('the runner', () => {
  it('passes arguments without a shell and redacts secrets in everything it returns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runner-'));
    try {
      const runner = new CommandRunner({ heroku: process.execPath, git: 'git', python: 'python3' }, dir, { PATH: process.env.PATH, HEROKU_API_KEY: 'api-key-0123456789' });
      const script = 'console.log(process.argv.slice(1).join("|")); console.error("key " + process.env.HEROKU_API_KEY)';
      const result = await runner.heroku(['-e', script, '$(touch pwned)', 'TOKEN=super-secret-value'], { secrets: ['super-secret-value'] });
      expect(result.exitCode).toBe(0);
      expect(result.stdout.trim()).toBe('$(touch pwned)|TOKEN=<redacted>');
      expect(result.stderr.trim()).toBe('key <redacted>');
      expect(result.commandLine).toContain("'$(touch pwned)' TOKEN=<redacted>");
      expect(runner.history.join('\n')).not.toContain('super-secret-value');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a program that is not installed', async () => {
    const runner = new CommandRunner({ heroku: '/nonexistent/heroku', git: 'git', python: 'python3' }, tmpdir());
    await expect(runner.heroku(['auth:whoami'])).rejects.toThrow(/heroku was not found/);
  });

  it('prints pasteable command lines', () => {
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('')).toBe("''");
    expect(formatCommandLine('heroku', ['config:set', 'K=<app-host>', 'S=abc123456789'], ['abc123456789'])).toBe('heroku config:set K=<app-host> S=<redacted>');
  });
});

describe('reading the CLI output', () => {
  it('parses the CLI error and its API id', () => {
    const stderr = ' ›   Warning: HEROKU_API_KEY is set\n ›   Error: Couldn\'t find that app.\n ›\n ›   Error ID: not_found\n';
    expect(parseCliError(stderr)).toEqual({ message: "Couldn't find that app.", id: 'not_found' });
    expect(parseCliError(' ›   Error: not logged in\n')).toEqual({ message: 'not logged in', id: null });
  });

  it('turns failures into errors that say what to do', () => {
    const result = (stderr: string, exitCode = 2) => ({ commandLine: 'heroku x', exitCode, stdout: '', stderr, durationMs: 1 });
    const create = { step: 'create-app' as const, program: 'heroku' as const, args: ['apps:create', 'shop'], description: '', kind: 'change' as const, secrets: [], notes: [] };
    expect(failureOf(create, result(' ›   Error: Name is already taken\n ›\n ›   Error ID: invalid_params')).name).toBe('AppNameTakenError');
    expect(failureOf(READS.whoami(), result(' ›   Error: not logged in', 100)).name).toBe('NotLoggedInError');
    const addon = { ...create, step: 'create-postgres' as const };
    const failed = failureOf(addon, result(' ›   Error: Plan not available\n ›\n ›   Error ID: invalid_params'));
    expect(failed.name).toBe('StepFailedError');
    expect(failed.message).toContain('heroku x');
    expect(failed.message).toContain('Plan not available');
    expect(failed.whatToDo).toMatch(/run the generator again/);
  });

  it('parses apps:info, buildpacks, config and ls-remote', () => {
    const info = parseAppInfo({
      app: { id: 'i', name: 'shop', region: { name: 'eu' }, stack: { name: 'heroku-24' }, web_url: 'https://shop-1a2b.herokuapp.com/', git_url: 'https://git.heroku.com/shop.git' },
      addons: [{ name: 'postgresql-a', addon_service: { name: 'heroku-postgresql' }, plan: { name: 'heroku-postgresql:essential-0' } }],
      dynos: [{ type: 'web' }, { type: 'worker' }],
    });
    expect(info.app.hostname).toBe('shop-1a2b.herokuapp.com');
    expect(info.addons[0].service).toBe('heroku-postgresql');
    expect(info.webDynos).toBe(1);
    expect(parseBuildpacks([{ buildpack: { url: 'b' }, ordinal: 1 }, { buildpack: { url: 'a' }, ordinal: 0 }])).toEqual(['a', 'b']);
    const config = parseConfigVars({ DJANGO_SECRET_KEY: 's3cr3t-value', DATABASE_URL: 'postgres://u:pw@h/db', ALLOWED_HOSTS: 'x', DJANGO_DEBUG: '' });
    expect(config.config).toEqual({ DJANGO_SECRET_KEY: '<redacted>', DATABASE_URL: '<redacted>', ALLOWED_HOSTS: 'x', DJANGO_DEBUG: '' });
    expect(config.secrets).toEqual(['s3cr3t-value', 'postgres://u:pw@h/db']);
    expect(parseLsRemote(`${'c'.repeat(40)}\trefs/heads/main\n`)).toBe('c'.repeat(40));
    expect(parseLsRemote('')).toBeNull();
  });
});

describe('answers', () => {
  const state = (app: HerokuState['app']): HerokuState => ({ account: 'a', app, buildpacks: [], addons: [], config: {}, webDynos: 0, deployedCommit: null });

  it('resolves flags over stored answers and checks them', () => {
    const want = resolveDesired({ region: 'eu' }, { module: 'shop', herokuRegion: 'us', herokuSettingsModule: 'shop.settings.prod' }, 'my-shop', 'x'.repeat(50));
    expect(want).toMatchObject({ app: 'my-shop', region: 'eu', postgresPlan: 'essential-0', settingsModule: 'shop.settings.prod', deploy: true });
    expect(resolveDesired({}, { module: 'shop' }, 'my-shop', 'x').settingsModule).toBe('shop.settings.heroku');
    expect(() => resolveDesired({}, {}, 'My_Shop', 'x')).toThrow(InvalidOptionError);
    expect(() => resolveDesired({ region: 'eu; rm -rf /' }, {}, 'shop', 'x')).toThrow(/--region/);
  });

  it('clears a stored app that was created and is gone, unless --app names it again', () => {
    const stored = { herokuApp: 'shop', herokuAppId: 'id-1' };
    expect(() => checkStoredApp(state(null), {}, stored)).toThrow(StoredAppMissingError);
    expect(() => checkStoredApp(state(null), { app: 'shop' }, stored)).not.toThrow();
    expect(() => checkStoredApp(state(null), {}, { herokuApp: 'shop' })).not.toThrow();
  });

  it('stores no secret and warns about what it cannot change', () => {
    const want = resolveDesired({ region: 'eu', stack: 'heroku-26' }, {}, 'shop', 'never-stored-secret-value');
    const app = { id: 'id-1', name: 'shop', region: 'us', stack: 'heroku-24', team: null, webUrl: 'https://shop.herokuapp.com/', gitUrl: '', hostname: 'shop.herokuapp.com' };
    expect(JSON.stringify(answersToStore(want, app))).not.toContain('never-stored-secret-value');
    expect(answersToStore(want, app)).toMatchObject({ herokuApp: 'shop', herokuAppId: 'id-1', herokuRegion: 'us', herokuPostgresPlan: 'essential-0' });
    expect(warningsFor(state(app), want).join('\n')).toMatch(/cannot move region[\s\S]*stack:set heroku-26/);
  });

  it('generates long CSPRNG keys Django accepts', () => {
    const key = generateSecretKey();
    expect(key).toHaveLength(64);
    expect(new Set(key).size).toBeGreaterThan(5);
    expect(key).not.toBe(generateSecretKey());
    expect(key.startsWith('django-insecure-')).toBe(false);
  });
});
