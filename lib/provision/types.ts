import type { DeployLayout } from '../options.js';

/** One command provisioning runs: reads happen before the plan is shown, changes only after it. */
export interface PlannedCommand {
  step: StepName;
  program: 'heroku' | 'git' | 'python';
  args: string[];
  /** What it does, in the user's words. */
  description: string;
  kind: 'read' | 'change';
  /** Values in `args` that must never be printed. */
  secrets: string[];
  /** Things the user should know before confirming (cost, side effects). */
  notes: string[];
}

export type StepName =
  | 'whoami'
  | 'read-app'
  | 'read-buildpacks'
  | 'read-config'
  | 'read-deployed-commit'
  | 'create-app'
  | 'set-buildpack'
  | 'create-postgres'
  | 'set-config'
  | 'add-remote'
  | 'push'
  | 'scale-web'
  | 'open';

export interface HerokuApp {
  id: string;
  name: string;
  region: string;
  stack: string;
  team: string | null;
  webUrl: string;
  gitUrl: string;
  /** From `web_url`: `<app>-<hash>.herokuapp.com` on apps created since 2023. */
  hostname: string;
  /** `cedar` (classic buildpacks, the common runtime) or `fir` (Cloud Native Buildpacks read from project.toml). */
  generation?: string;
}

export interface HerokuAddon {
  name: string;
  service: string;
  plan: string;
  state: string;
}

/** What Heroku knows about the app; `app` is null when it does not exist (yet). */
export interface HerokuState {
  account: string;
  app: HerokuApp | null;
  buildpacks: string[];
  addons: HerokuAddon[];
  /** Config vars; secret values (the secret key, credentials in URLs) are replaced by a marker. */
  config: Record<string, string>;
  webDynos: number;
  /** The commit `main` points to on Heroku's git, null when never pushed or unknown. */
  deployedCommit: string | null;
}

/** The local repository, read before anything else. */
export interface GitState {
  head: string;
  /** null on a detached HEAD. */
  branch: string | null;
  /** URL of the `heroku` remote, null when there is none. */
  herokuRemote: string | null;
  /** The deployment files the HEAD commit holds (a push deploys commits, not the working tree). */
  committedDeploymentFiles: string[];
  /** Number of changed or untracked paths that a push would leave behind. */
  uncommittedChanges: number;
}

/** What the user asked for, after options and stored answers are resolved. */
export interface DesiredSetup {
  app: string;
  region?: string;
  team?: string;
  stack?: string;
  postgresPlan: string;
  /** `subdir` or `official`, as stored in .yo-rc.json. */
  layout: DeployLayout;
  /** The app's buildpacks, in order. */
  buildpacks: string[];
  settingsModule: string;
  rotateSecret: boolean;
  deploy: boolean;
  open: boolean;
  /** A fresh CSPRNG value, used only when the app has no key or --rotate-secret asks for a new one. */
  newSecretKey: string;
}

export interface ProvisionPlan {
  app: string;
  /** True when nothing needs to change. */
  upToDate: boolean;
  commands: PlannedCommand[];
  /** Config vars the plan sets, secrets redacted — for the summary and JSON output. */
  configChanges: Record<string, string>;
}
