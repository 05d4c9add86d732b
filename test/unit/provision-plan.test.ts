import { describe, expect, it } from 'vitest';
import { APP_HOST, planProvisioning, withAppHost } from '../../lib/provision/plan.js';
import { commandLineOf } from '../../lib/provision/apply.js';
import { formatPlan } from '../../lib/provision/report.js';
import { checkCommitted } from '../../lib/provision/preflight.js';
import type { DesiredSetup, GitState, HerokuState } from '../../lib/provision/types.js';
import { BUILDPACKS } from '../../lib/versions.js';

const SECRET = 'k'.repeat(20) + 'SECRET-VALUE-FOR-TESTS' + 'k'.repeat(20);
const HOST = 'shop-abc123.herokuapp.com';

const desired = (changes: Partial<DesiredSetup> = {}): DesiredSetup => ({
  app: 'shop',
  postgresPlan: 'essential-0',
  layout: 'subdir',
  buildpacks: [BUILDPACKS.subdir],
  settingsModule: 'app.settings.heroku',
  rotateSecret: false,
  deploy: true,
  open: false,
  newSecretKey: SECRET,
  ...changes,
});

const git = (changes: Partial<GitState> = {}): GitState => ({
  head: 'a'.repeat(40),
  branch: 'main',
  herokuRemote: 'https://git.heroku.com/shop.git',
  committedDeploymentFiles: ['.buildpacks', 'Procfile'],
  uncommittedChanges: 0,
  ...changes,
});

const nothing: HerokuState = { account: 'me@example.test', app: null, buildpacks: [], addons: [], config: {}, webDynos: 0, deployedCommit: null };

/** An app provisioned and deployed exactly as desired. */
const provisioned = (changes: Partial<HerokuState> = {}): HerokuState => ({
  account: 'me@example.test',
  app: { id: 'id-1', name: 'shop', region: 'eu', stack: 'heroku-24', team: null, webUrl: `https://${HOST}/`, gitUrl: 'https://git.heroku.com/shop.git', hostname: HOST },
  buildpacks: [BUILDPACKS.subdir],
  addons: [{ name: 'postgresql-x', service: 'heroku-postgresql', plan: 'heroku-postgresql:essential-0', state: 'provisioned' }],
  config: {
    ALLOWED_HOSTS: HOST,
    CSRF_TRUSTED_ORIGINS: `https://${HOST}`,
    DJANGO_DEBUG: '',
    DJANGO_SETTINGS_MODULE: 'app.settings.heroku',
    DJANGO_SECRET_KEY: '<redacted>',
    DATABASE_URL: '<redacted>',
  },
  webDynos: 1,
  deployedCommit: 'a'.repeat(40),
  ...changes,
});

const steps = (state: HerokuState, want = desired(), repo = git()) => planProvisioning(state, repo, want).commands.map((c) => c.step);

describe('checkCommitted', () => {
  it('refuses to deploy a HEAD without the deployment files and mentions uncommitted changes', () => {
    expect(checkCommitted(git())).toBeNull();
    expect(() => checkCommitted(git({ committedDeploymentFiles: ['Procfile'] }))).toThrow(/\.buildpacks exists but is not in the last commit/);
    expect(checkCommitted(git({ uncommittedChanges: 2 }))).toMatch(/2 uncommitted change\(s\) will not be deployed/);
  });
});

describe('planProvisioning', () => {
  it('plans every step, in order, for an app that does not exist', () => {
    const plan = planProvisioning(nothing, git({ herokuRemote: null }), desired({ region: 'eu', team: 'acme', stack: 'heroku-24' }));
    expect(plan.commands.map((c) => c.step)).toEqual(['create-app', 'create-postgres', 'set-config', 'add-remote', 'push', 'scale-web']);
    expect(plan.commands.every((c) => c.kind === 'change')).toBe(true);
    expect(plan.upToDate).toBe(false);
    expect(plan.commands[0].args).toEqual([
      'apps:create', 'shop', '--no-remote', '--json', '--buildpack', BUILDPACKS.subdir, '--region', 'eu', '--team', 'acme', '--stack', 'heroku-24',
    ]);
    expect(plan.commands[1].args).toEqual(['addons:create', 'heroku-postgresql:essential-0', '-a', 'shop', '--wait']);
    expect(plan.commands[1].notes.join(' ')).toMatch(/paid/);
    expect(plan.commands[3].args).toEqual(['remote', 'add', 'heroku', 'https://git.heroku.com/shop.git']);
    expect(plan.commands[4].args).toEqual(['push', 'heroku', 'main:main']);
    expect(plan.commands[5].args).toEqual(['ps:scale', 'web=1', '-a', 'shop']);
  });

  it('sets all config vars in one call, the new app host as a placeholder and the secret redacted', () => {
    const plan = planProvisioning(nothing, git(), desired());
    const config = plan.commands.find((c) => c.step === 'set-config')!;
    expect(config.args).toEqual([
      'config:set', '-a', 'shop',
      `ALLOWED_HOSTS=${APP_HOST}`, `CSRF_TRUSTED_ORIGINS=https://${APP_HOST}`, 'DJANGO_DEBUG=', 'DJANGO_SETTINGS_MODULE=app.settings.heroku', `DJANGO_SECRET_KEY=${SECRET}`,
    ]);
    expect(config.secrets).toEqual([SECRET]);
    expect(commandLineOf(config)).toBe(
      'heroku config:set -a shop ALLOWED_HOSTS=<app-host> CSRF_TRUSTED_ORIGINS=https://<app-host> DJANGO_DEBUG= DJANGO_SETTINGS_MODULE=app.settings.heroku DJANGO_SECRET_KEY=<redacted>',
    );
    expect(plan.configChanges.DJANGO_SECRET_KEY).toBe('<redacted>');
    expect(JSON.stringify(plan.configChanges)).not.toContain(SECRET);
    expect(withAppHost(config, HOST).args[3]).toBe(`ALLOWED_HOSTS=${HOST}`);
    expect(formatPlan(plan, nothing, []).join('\n')).not.toContain(SECRET);
  });

  it('plans nothing for an app that is provisioned and deployed', () => {
    const plan = planProvisioning(provisioned(), git(), desired());
    expect(plan.commands).toEqual([]);
    expect(plan.upToDate).toBe(true);
  });

  it('sets the subdir buildpack only when it is not first', () => {
    expect(steps(provisioned({ buildpacks: [] }))).toEqual(['set-buildpack']);
    // The official layout's buildpacks are replaced as a whole, never left after subdir.
    const replacing = planProvisioning(provisioned({ buildpacks: ['heroku/python', 'heroku/nodejs'] }), git(), desired()).commands;
    expect(replacing.map((c) => c.args[0])).toEqual(['buildpacks:clear', 'buildpacks:set']);
    const others = planProvisioning(provisioned({ buildpacks: ['https://example.test/a', 'https://example.test/b'] }), git(), desired()).commands;
    expect(others[0].notes.join(' ')).toMatch(/example.test\/b stay after it/);
    const misplaced = planProvisioning(provisioned({ buildpacks: ['heroku/python', BUILDPACKS.subdir] }), git(), desired()).commands;
    expect(misplaced.map((c) => c.args[0])).toEqual(['buildpacks:clear', 'buildpacks:set']);
    expect(steps(provisioned({ buildpacks: [BUILDPACKS.subdir, 'extra'] }))).toEqual([]);
  });

  it('creates Postgres only when the app has no Postgres add-on, with the plan asked for', () => {
    expect(steps(provisioned({ addons: [] }))).toEqual(['create-postgres']);
    const other = planProvisioning(provisioned({ addons: [] }), git(), desired({ postgresPlan: 'essential-1' })).commands[0];
    expect(other.args[1]).toBe('heroku-postgresql:essential-1');
    const withRedis = provisioned({ addons: [{ name: 'redis-1', service: 'heroku-redis', plan: 'heroku-redis:mini', state: 'provisioned' }] });
    expect(steps(withRedis)).toEqual(['create-postgres']);
  });

  it('waits for a database a stopped run left provisioning', () => {
    const pending = provisioned({ addons: [{ name: 'postgresql-y', service: 'heroku-postgresql', plan: 'heroku-postgresql:essential-0', state: 'provisioning' }] });
    expect(planProvisioning(pending, git(), desired()).commands.map((c) => c.args)).toEqual([['addons:wait', 'postgresql-y', '-a', 'shop']]);
  });

  it('sets only missing or different config vars and keeps hosts the user added', () => {
    const state = provisioned({
      config: { ...provisioned().config, ALLOWED_HOSTS: 'www.shop.example', DJANGO_DEBUG: 'True', DJANGO_SETTINGS_MODULE: 'app.settings' },
    });
    const plan = planProvisioning(state, git(), desired());
    expect(plan.commands.map((c) => c.step)).toEqual(['set-config']);
    expect(plan.commands[0].args.slice(3)).toEqual([`ALLOWED_HOSTS=www.shop.example,${HOST}`, 'DJANGO_DEBUG=', 'DJANGO_SETTINGS_MODULE=app.settings.heroku']);
    expect(plan.commands[0].secrets).toEqual([]);
    expect(plan.commands[0].notes.join(' ')).toMatch(/restarts/);
  });

  it('generates the secret key only when missing, or when --rotate-secret asks', () => {
    const { DJANGO_SECRET_KEY: _, ...withoutKey } = provisioned().config;
    expect(planProvisioning(provisioned({ config: withoutKey }), git(), desired()).commands[0].args.slice(3)).toEqual([`DJANGO_SECRET_KEY=${SECRET}`]);
    expect(planProvisioning(provisioned({ config: { ...withoutKey, DJANGO_SECRET_KEY: '' } }), git(), desired()).commands[0].step).toBe('set-config');
    expect(planProvisioning(provisioned(), git(), desired({ rotateSecret: true })).commands[0].args.slice(3)).toEqual([`DJANGO_SECRET_KEY=${SECRET}`]);
  });

  it('reads the settings module a retrofit stored', () => {
    const plan = planProvisioning(provisioned(), git(), desired({ settingsModule: 'mysite.settings_heroku' }));
    expect(plan.commands[0].args.slice(3)).toEqual(['DJANGO_SETTINGS_MODULE=mysite.settings_heroku']);
  });

  it('adds or repoints the heroku remote, accepting the ssh form', () => {
    expect(steps(provisioned(), desired(), git({ herokuRemote: null }))).toEqual(['add-remote']);
    const repoint = planProvisioning(provisioned(), git({ herokuRemote: 'https://git.heroku.com/old-shop.git' }), desired()).commands[0];
    expect(repoint.args).toEqual(['remote', 'set-url', 'heroku', 'https://git.heroku.com/shop.git']);
    expect(steps(provisioned(), desired(), git({ herokuRemote: 'git@heroku.com:shop.git' }))).toEqual([]);
  });

  it('pushes only a commit Heroku does not have, and scales web only once something was deployed', () => {
    expect(steps(provisioned(), desired(), git({ head: 'b'.repeat(40) }))).toEqual(['push']);
    expect(steps(provisioned({ webDynos: 0 }))).toEqual(['scale-web']);
    expect(steps(provisioned({ webDynos: 0, deployedCommit: null }), desired({ deploy: false }))).toEqual([]);
    expect(steps(provisioned({ deployedCommit: null }), desired({ deploy: false }))).toEqual([]);
    const detached = planProvisioning(provisioned({ deployedCommit: null }), git({ branch: null }), desired()).commands[0];
    expect(detached.args).toEqual(['push', 'heroku', 'HEAD:refs/heads/main']);
  });

  it('opens the app only when asked, which does not count as a change', () => {
    const plan = planProvisioning(provisioned(), git(), desired({ open: true }));
    expect(plan.commands.map((c) => c.args)).toEqual([['open', '-a', 'shop']]);
    expect(plan.upToDate).toBe(true);
  });
});
