import { InvalidOptionError, type DeployLayout } from '../options.js';
import { desiredBuildpacks } from './buildpacks.js';
import { herokuAppName, type Rule } from '../names.js';
import { POSTGRES_PLAN } from '../versions.js';
import { StoredAppMissingError } from './errors.js';
import type { DesiredSetup, HerokuApp, HerokuState } from './types.js';

/** The `:heroku` flags, as the generator receives them. */
export interface HerokuOptions {
  app?: string;
  region?: string;
  team?: string;
  stack?: string;
  postgresPlan?: string;
  rotateSecret?: boolean;
  skipDeploy?: boolean;
  open?: boolean;
}

/** What `.yo-rc.json` holds for provisioning (some of it written by the other generators). */
export interface StoredAnswers {
  module?: string;
  herokuSettingsModule?: string;
  backendDir?: string;
  herokuApp?: string;
  /** Written once the app exists: tells "never created" from "deleted since". */
  herokuAppId?: string;
  herokuRegion?: string;
  herokuTeam?: string;
  herokuStack?: string;
  herokuPostgresPlan?: string;
  /** The deployment layout (`--buildpacks`), written by the app and deploy generators. */
  layout?: DeployLayout;
}

const slug: Rule = (value) => (/^[a-z0-9][a-z0-9-]*$/.test(value) ? undefined : 'must be lowercase letters, digits and dashes');

function checked(flag: string, value: string | undefined, rule: Rule): string | undefined {
  if (value === undefined || value === '') return undefined;
  const broken = rule(value);
  if (broken) throw new InvalidOptionError(flag, value, broken);
  return value;
}

/** Flags win over stored answers; every value is checked before anything runs. */
export function resolveDesired(options: HerokuOptions, stored: StoredAnswers, app: string, newSecretKey: string, repo: { hasRootPackageJson: boolean } = { hasRootPackageJson: false }): DesiredSetup {
  const layout = stored.layout ?? 'subdir';
  return {
    app: checked('app', app, herokuAppName) as string,
    region: checked('region', options.region ?? stored.herokuRegion, slug),
    team: checked('team', options.team ?? stored.herokuTeam, slug),
    stack: checked('stack', options.stack ?? stored.herokuStack, slug),
    postgresPlan: checked('postgres-plan', options.postgresPlan ?? stored.herokuPostgresPlan, slug) ?? POSTGRES_PLAN,
    layout,
    buildpacks: desiredBuildpacks(layout, repo.hasRootPackageJson),
    settingsModule: stored.herokuSettingsModule ?? `${stored.module ?? 'app'}.settings.heroku`,
    rotateSecret: options.rotateSecret === true,
    deploy: options.skipDeploy !== true,
    open: options.open === true,
    newSecretKey,
  };
}

/**
 * A stored app that was created once (its id is recorded) and is gone now is not silently recreated:
 * the caller clears it and stops. Naming the app with --app again is the user's explicit choice.
 */
export function checkStoredApp(state: HerokuState, options: HerokuOptions, stored: StoredAnswers): void {
  if (state.app === null && stored.herokuAppId && stored.herokuApp && !options.app) {
    throw new StoredAppMissingError(stored.herokuApp);
  }
}

/** What provisioning records in `.yo-rc.json`; never a secret. */
export function answersToStore(desired: DesiredSetup, app: HerokuApp | null): StoredAnswers {
  const answers: StoredAnswers = { herokuApp: desired.app, herokuPostgresPlan: desired.postgresPlan };
  if (app) answers.herokuAppId = app.id;
  if (app?.region ?? desired.region) answers.herokuRegion = app?.region ?? desired.region;
  if (desired.team) answers.herokuTeam = desired.team;
  if (desired.stack) answers.herokuStack = desired.stack;
  return answers;
}

/** Differences the plan cannot fix by itself, said before confirming. */
export function warningsFor(state: HerokuState, desired: DesiredSetup): string[] {
  const warnings: string[] = [];
  const app = state.app;
  if (!app) return warnings;
  if (desired.region && app.region !== desired.region) {
    warnings.push(`${app.name} runs in region ${app.region}, not ${desired.region}; an app cannot move region (create another app to change it).`);
  }
  if (app.generation === 'fir' && desired.layout !== 'official') {
    warnings.push(`${app.name} runs on Fir, which cannot build the subdir layout (.buildpacks); generate or retrofit with --buildpacks official, whose project.toml Fir reads.`);
  }
  if (desired.stack && app.stack !== desired.stack) {
    warnings.push(`${app.name} is on stack ${app.stack}, not ${desired.stack}; change it with \`heroku stack:set ${desired.stack} -a ${app.name}\` and deploy.`);
  }
  const postgres = state.addons.find((addon) => addon.service === 'heroku-postgresql');
  if (postgres && postgres.plan !== `heroku-postgresql:${desired.postgresPlan}`) {
    warnings.push(`Kept the existing database ${postgres.name} (${postgres.plan}); change its plan with \`heroku addons:upgrade\` if you need to.`);
  }
  return warnings;
}
