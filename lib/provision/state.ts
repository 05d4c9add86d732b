import { AppNameTakenError, parseCliError } from './errors.js';
import { jsonOf, runPlanned, failureOf } from './run-planned.js';
import { REDACTED, type CommandResult, type CommandRunner } from './runner.js';
import type { HerokuAddon, HerokuApp, HerokuState, PlannedCommand } from './types.js';

function read(step: PlannedCommand['step'], program: PlannedCommand['program'], args: string[], description: string): PlannedCommand {
  return { step, program, args, description, kind: 'read', secrets: [], notes: [] };
}

/** The read commands, as data, so the budget and the docs can list them. */
export const READS = {
  whoami: () => read('whoami', 'heroku', ['auth:whoami'], 'Check that the heroku CLI is logged in'),
  app: (app: string) => read('read-app', 'heroku', ['apps:info', '-a', app, '--json'], `Read app ${app}: region, stack, add-ons, dynos`),
  buildpacks: (app: string) => read('read-buildpacks', 'heroku', ['buildpacks', '-a', app, '--json'], `Read the buildpacks of ${app}`),
  config: (app: string) => read('read-config', 'heroku', ['config', '-a', app, '--json'], `Read the config vars of ${app}`),
  deployedCommit: (gitUrl: string) =>
    read('read-deployed-commit', 'git', ['ls-remote', gitUrl, 'refs/heads/main'], 'Read the commit deployed on Heroku'),
};

/**
 * Reads what Heroku knows with concurrent `--json` reads. For an app this project has used before (its
 * id is stored), one round of 3: the app, its buildpacks and its config vars; the app's owner stands in
 * for `auth:whoami`, since any read fails with 401 when the CLI is not logged in. Otherwise login + app
 * first, then, only when the app exists, buildpacks and config: 2 invocations for a new app.
 * Each heroku process costs about a second of CPU, so fewer processes is what makes a re-run fast.
 */
export async function readHerokuState(runner: CommandRunner, appName: string, options: { knownApp?: boolean } = {}): Promise<HerokuState> {
  const appRead = READS.app(appName);
  const readApp = () => runner.heroku(appRead.args).catch((error: Error) => error);
  const [account, appInfo, early] = options.knownApp
    ? await Promise.all([null, readApp(), readDetails(runner, appName)])
    : [...(await Promise.all([runPlanned(runner, READS.whoami()), readApp()])), null];
  if (appInfo instanceof Error) throw appInfo; // only a CLI that vanished in between gets here
  if (appInfo.exitCode !== 0) {
    const { id } = parseCliError(appInfo.stderr);
    if (id === 'not_found') {
      return { account: account ? lastLine(account.stdout) : '', app: null, buildpacks: [], addons: [], config: {}, webDynos: 0, deployedCommit: null };
    }
    if (id === 'forbidden') throw new AppNameTakenError(appName);
    throw failureOf(appRead, appInfo);
  }
  const json = jsonOf<AppInfoJson>(appInfo);
  const info = parseAppInfo(json);
  const [details, deployed] = await Promise.all([
    early ?? readDetails(runner, appName),
    // An unreadable remote only means "push to be sure".
    runner.git(READS.deployedCommit(info.app.gitUrl).args).catch(() => null),
  ]);
  const [buildpacks, config] = await Promise.all(details);
  const vars = parseConfigVars(jsonOf<Record<string, string>>(config));
  vars.secrets.forEach((secret) => runner.addSecret(secret));
  return {
    account: account ? lastLine(account.stdout) : (json.app.owner?.email ?? ''),
    app: info.app,
    addons: info.addons,
    webDynos: info.webDynos,
    buildpacks: parseBuildpacks(jsonOf<BuildpackJson[]>(buildpacks)),
    config: vars.config,
    deployedCommit: deployed && deployed.exitCode === 0 ? parseLsRemote(deployed.stdout) : null,
  };
}

/** The buildpack and config reads, started at once; awaited only when the app turns out to exist. */
function readDetails(runner: CommandRunner, appName: string): [Promise<CommandResult>, Promise<CommandResult>] {
  const reads: [Promise<CommandResult>, Promise<CommandResult>] = [
    runPlanned(runner, READS.buildpacks(appName)),
    runPlanned(runner, READS.config(appName)),
  ];
  // A missing app fails these too; that failure is the app read's to report, not theirs.
  reads.forEach((read) => read.catch(() => undefined));
  return reads;
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

export interface AppJson {
  id: string;
  name: string;
  region?: { name?: string } | null;
  stack?: { name?: string } | null;
  build_stack?: { name?: string } | null;
  team?: { name?: string } | null;
  web_url?: string | null;
  git_url?: string | null;
  owner?: { email?: string } | null;
  generation?: { name?: string } | null;
}

export interface AppInfoJson {
  app: AppJson;
  addons?: { name?: string; addon_service?: { name?: string }; plan?: { name?: string }; state?: string }[];
  dynos?: { type?: string }[];
}

interface BuildpackJson {
  buildpack?: { url?: string; name?: string };
  ordinal?: number;
}

export function parseApp(json: AppJson): HerokuApp {
  const webUrl = json.web_url ?? `https://${json.name}.herokuapp.com/`;
  return {
    id: json.id,
    name: json.name,
    region: json.region?.name ?? 'us',
    stack: json.stack?.name ?? json.build_stack?.name ?? '',
    team: json.team?.name ?? null,
    webUrl,
    gitUrl: json.git_url ?? `https://git.heroku.com/${json.name}.git`,
    hostname: new URL(webUrl).hostname,
    generation: json.generation?.name ?? 'cedar',
  };
}

export function parseAppInfo(json: AppInfoJson): { app: HerokuApp; addons: HerokuAddon[]; webDynos: number } {
  const addons = (json.addons ?? []).map((addon) => ({
    name: addon.name ?? '',
    service: addon.addon_service?.name ?? addon.plan?.name?.split(':')[0] ?? '',
    plan: addon.plan?.name ?? '',
    state: addon.state ?? 'provisioned',
  }));
  return { app: parseApp(json.app), addons, webDynos: (json.dynos ?? []).filter((dyno) => dyno.type === 'web').length };
}

export function parseBuildpacks(json: BuildpackJson[]): string[] {
  return [...json]
    .sort((a, b) => (a.ordinal ?? 0) - (b.ordinal ?? 0))
    .map((entry) => entry.buildpack?.url ?? entry.buildpack?.name ?? '')
    .filter(Boolean);
}

const SECRET_NAME = /(SECRET|PASSWORD|TOKEN|API_KEY|PRIVATE)/i;
const URL_WITH_CREDENTIALS = /^[a-z][a-z0-9+.-]*:\/\/[^/@\s]*:[^/@\s]+@/i;

/** Splits config vars into what the planner may see and the secret values the runner must redact. */
export function parseConfigVars(json: Record<string, string | null>): { config: Record<string, string>; secrets: string[] } {
  const config: Record<string, string> = {};
  const secrets: string[] = [];
  for (const [name, value] of Object.entries(json)) {
    const text = value ?? '';
    if (text && (SECRET_NAME.test(name) || URL_WITH_CREDENTIALS.test(text))) {
      secrets.push(text);
      config[name] = REDACTED;
    } else {
      config[name] = text;
    }
  }
  return { config, secrets };
}

export function parseLsRemote(stdout: string): string | null {
  const sha = stdout.trim().split(/\s+/)[0];
  return sha && /^[0-9a-f]{40,64}$/.test(sha) ? sha : null;
}
