import { createAppBuildpacks, planBuildpacks } from './buildpacks.js';
import { REDACTED } from './runner.js';
import type { DesiredSetup, GitState, HerokuState, PlannedCommand, ProvisionPlan, StepName } from './types.js';

/** Stands for the hostname of an app that does not exist yet; replaced once `apps:create` answers. */
export const APP_HOST = '<app-host>';

export const POSTGRES_SERVICE = 'heroku-postgresql';
const SECRET_KEY = 'DJANGO_SECRET_KEY';

function change(step: StepName, program: PlannedCommand['program'], args: string[], description: string, extra: Partial<PlannedCommand> = {}): PlannedCommand {
  return { step, program, args, description, kind: 'change', secrets: [], notes: [], ...extra };
}

/**
 * State × desired → the commands that close the gap, in the order they must run. Pure: the same
 * inputs always give the same plan, and a provisioned app gives an empty one.
 */
export function planProvisioning(state: HerokuState, git: GitState, desired: DesiredSetup): ProvisionPlan {
  const app = desired.app;
  const commands: PlannedCommand[] = [];
  const host = state.app?.hostname ?? APP_HOST;
  const gitUrl = state.app?.gitUrl ?? `https://git.heroku.com/${app}.git`;

  if (!state.app) commands.push(...createApp(desired));
  // A Fir app builds with the buildpacks its project.toml names: it has no buildpack list to set.
  else if (state.app.generation !== 'fir') commands.push(...planBuildpacks(state.buildpacks, desired.buildpacks, app));

  const postgres = state.addons.filter((addon) => addon.service === POSTGRES_SERVICE);
  if (postgres.length === 0) commands.push(createPostgres(app, desired.postgresPlan));
  // A run stopped while the database was being created: the release (migrate) needs it ready.
  for (const pending of postgres.filter((addon) => addon.state === 'provisioning')) {
    commands.push(change('create-postgres', 'heroku', ['addons:wait', pending.name, '-a', app], `Wait until the database ${pending.name} is ready`));
  }

  const configChanges = configToSet(state.config, desired, host);
  if (Object.keys(configChanges).length > 0) commands.push(setConfig(app, configChanges, desired.newSecretKey, state.webDynos > 0));

  if (!sameHerokuRemote(git.herokuRemote, app)) {
    commands.push(
      git.herokuRemote === null
        ? change('add-remote', 'git', ['remote', 'add', 'heroku', gitUrl], `Add the git remote "heroku" → ${gitUrl}`)
        : change('add-remote', 'git', ['remote', 'set-url', 'heroku', gitUrl], `Point the git remote "heroku" at ${gitUrl} (was ${git.herokuRemote})`),
    );
  }

  const pushing = desired.deploy && state.deployedCommit !== git.head;
  if (pushing) {
    const source = git.branch ?? 'HEAD';
    commands.push(
      change('push', 'git', ['push', 'heroku', `${source}:${git.branch ? 'main' : 'refs/heads/main'}`], `Deploy ${git.branch ? `branch ${git.branch}` : 'the checked-out commit'} (${git.head.slice(0, 7)}): build, release (migrate), restart`),
    );
  }
  // Scaling needs a release that declares `web`: only after a push (planned or done before).
  if (state.webDynos === 0 && (pushing || state.deployedCommit !== null)) {
    commands.push(change('scale-web', 'heroku', ['ps:scale', 'web=1', '-a', app], 'Start one web dyno (without it the app answers H14 "no web dynos running")'));
  }
  const upToDate = commands.length === 0;
  if (desired.open) commands.push(change('open', 'heroku', ['open', '-a', app], `Open https://${host}/ in the browser`));

  const shown = Object.fromEntries(Object.entries(configChanges).map(([name, value]) => [name, name === SECRET_KEY ? REDACTED : value]));
  return { app, upToDate, commands, configChanges: shown };
}

function createApp(desired: DesiredSetup): PlannedCommand[] {
  const buildpacks = createAppBuildpacks(desired.buildpacks, desired.app);
  const args = ['apps:create', desired.app, '--no-remote', '--json', ...buildpacks.flag];
  if (desired.region) args.push('--region', desired.region);
  if (desired.team) args.push('--team', desired.team);
  if (desired.stack) args.push('--stack', desired.stack);
  const where = [desired.region && `region ${desired.region}`, desired.team && `team ${desired.team}`, desired.stack && `stack ${desired.stack}`].filter(Boolean);
  const withWhat = desired.layout === 'official' ? `the buildpack ${desired.buildpacks[0]}` : 'the subdir buildpack';
  return [change('create-app', 'heroku', args, `Create app ${desired.app}${where.length ? ` (${where.join(', ')})` : ''} with ${withWhat}`), ...buildpacks.after];
}

function createPostgres(app: string, plan: string): PlannedCommand {
  const cost = plan === 'essential-0' ? ' (about $5/month, billed by the hour)' : '';
  return change('create-postgres', 'heroku', ['addons:create', `${POSTGRES_SERVICE}:${plan}`, '-a', app, '--wait'], `Create the Postgres database (${POSTGRES_SERVICE}:${plan}) and wait until it is ready; sets DATABASE_URL`, {
    notes: [`${POSTGRES_SERVICE}:${plan} is a paid plan${cost}.`],
  });
}

/** Only the missing or different values; list-valued vars keep what the user added (custom domains). */
export function configToSet(current: Record<string, string>, desired: DesiredSetup, host: string): Record<string, string> {
  const changes: Record<string, string> = {};
  const withItem = (name: string, item: string) => {
    const items = (current[name] ?? '').split(',').map((value) => value.trim()).filter(Boolean);
    if (!items.includes(item)) changes[name] = [...items, item].join(',');
  };
  withItem('ALLOWED_HOSTS', host);
  withItem('CSRF_TRUSTED_ORIGINS', `https://${host}`);
  if (current.DJANGO_DEBUG !== '') changes.DJANGO_DEBUG = '';
  if (current.DJANGO_SETTINGS_MODULE !== desired.settingsModule) changes.DJANGO_SETTINGS_MODULE = desired.settingsModule;
  if (!current[SECRET_KEY] || desired.rotateSecret) changes[SECRET_KEY] = desired.newSecretKey;
  return changes;
}

function setConfig(app: string, changes: Record<string, string>, secret: string, restarts: boolean): PlannedCommand {
  const names = Object.keys(changes);
  const command = change('set-config', 'heroku', ['config:set', '-a', app, ...names.map((name) => `${name}=${changes[name]}`)], `Set config vars ${names.join(', ')}`);
  if (changes[SECRET_KEY] !== undefined) command.secrets.push(secret);
  if (restarts) command.notes.push('Setting config vars restarts the running dynos.');
  return command;
}

/** `https://git.heroku.com/APP.git` and `git@heroku.com:APP.git` are the same remote. */
function sameHerokuRemote(remote: string | null, app: string): boolean {
  return remote !== null && (remote.endsWith(`/${app}.git`) || remote.endsWith(`:${app}.git`));
}

/** Replaces the new app's hostname placeholder once the app exists. */
export function withAppHost(command: PlannedCommand, hostname: string): PlannedCommand {
  return { ...command, args: command.args.map((arg) => arg.split(APP_HOST).join(hostname)), description: command.description.split(APP_HOST).join(hostname) };
}
