import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import Generator from 'yeoman-generator';
import { herokuAppNameFrom } from '../../lib/names.js';
import { applyPlan, type ApplyResult } from '../../lib/provision/apply.js';
import { answersToStore, checkStoredApp, resolveDesired, warningsFor, type HerokuOptions, type StoredAnswers } from '../../lib/provision/desired.js';
import { ProvisionError, DeploymentFilesMissingError } from '../../lib/provision/errors.js';
import { planProvisioning } from '../../lib/provision/plan.js';
import { checkCommittedBuild } from '../../lib/provision/committed-build.js';
import { checkCommitted, checkDjangoDeploy, findPython, missingDeploymentFiles, readGitState } from '../../lib/provision/preflight.js';
import { formatPlan, jsonReport } from '../../lib/provision/report.js';
import { CommandRunner } from '../../lib/provision/runner.js';
import { generateSecretKey } from '../../lib/provision/secret.js';
import { readHerokuState } from '../../lib/provision/state.js';
import { HEROKU_FLAGS as FLAGS } from '../../lib/heroku-flags.js';
import { checkedOptions, oneLineErrors, optionValue, storeChanged } from '../yeoman-options.js';
import type { DesiredSetup, GitState, HerokuState, ProvisionPlan } from '../../lib/provision/types.js';

type GeneratorOptions = ConstructorParameters<typeof Generator>[1];


/** `yo django-monorepo:heroku`: preflight → read → plan → confirm → apply. Decisions live in lib/provision. */
export default class HerokuGenerator extends Generator {
  #runner!: CommandRunner;
  #stored: StoredAnswers = {};
  #desired!: DesiredSetup;
  #git!: GitState;
  #state: HerokuState | null = null;
  #plan: ProvisionPlan | null = null;
  #warnings: string[] = [];
  #notices: string[] = [];
  #applied: ApplyResult | null = null;
  #failure: ProvisionError | null = null;

  constructor(args?: string[], options?: GeneratorOptions) {
    super(args ?? [], checkedOptions(options) as GeneratorOptions);
    oneLineErrors(this);
    for (const [name, spec] of Object.entries(FLAGS)) this.option(name, { ...spec });
  }

  initializing(): void {
    this.#stored = (this.config.getAll() ?? {}) as StoredAnswers;
    const root = this.destinationRoot();
    const python = findPython(root, this.#stored.backendDir ?? 'backend');
    this.#runner = new CommandRunner({ heroku: process.env.HEROKU_CLI || 'heroku', git: 'git', python }, root, process.env);
  }

  async prompting(): Promise<void> {
    const given = this.#text('app') ?? this.#stored.herokuApp;
    let app = given ?? herokuAppNameFrom(basename(this.destinationRoot()));
    if (!given && !this.#flag('yes') && !this.#flag('json')) {
      ({ app } = await this.prompt<{ app: string }>([{ type: 'input', name: 'app', message: 'Heroku app name', default: app }]));
    }
    const hasRootPackageJson = existsSync(this.destinationPath('package.json'));
    this.#desired = resolveDesired(this.#herokuOptions(), this.#stored, app, generateSecretKey(), { hasRootPackageJson });
  }

  async preflight(): Promise<void> {
    await this.#step(async () => {
      const missing = missingDeploymentFiles(this.destinationRoot(), undefined, this.#desired.layout);
      if (missing.length > 0) throw new DeploymentFilesMissingError(missing);
      this.#git = await readGitState(this.#runner, this.destinationRoot(), this.#desired.layout);
      const leftovers = this.#desired.deploy ? checkCommitted(this.#git, this.#desired.layout) : null;
      if (leftovers) this.#notices.push(leftovers);
      // The push deploys the commit, not the folder: stop before anything happens if its build would fail.
      if (this.#desired.deploy) this.#notices.push(...(await checkCommittedBuild(this.#runner, this.#desired.layout)));
      if (!this.#flag('skip-checks')) {
        const settingsModule = this.#desired.settingsModule;
        this.#notices.push(await checkDjangoDeploy(this.#runner, this.destinationRoot(), { backendDir: this.#stored.backendDir ?? 'backend', settingsModule }));
      }
    });
  }

  async readState(): Promise<void> {
    await this.#step(async () => {
      const knownApp = Boolean(this.#stored.herokuAppId) && this.#stored.herokuApp === this.#desired.app;
      this.#state = await readHerokuState(this.#runner, this.#desired.app, { knownApp });
      try {
        checkStoredApp(this.#state, this.#herokuOptions(), this.#stored);
      } catch (error) {
        if (!this.#flag('dry-run')) {
          this.config.delete('herokuApp');
          this.config.delete('herokuAppId');
        }
        throw error;
      }
    });
  }

  planCommands(): void {
    if (this.#failure || !this.#state) return;
    this.#plan = planProvisioning(this.#state, this.#git, this.#desired);
    this.#warnings = warningsFor(this.#state, this.#desired);
    if (!this.#flag('json')) {
      for (const notice of this.#notices) this.log(notice);
      for (const line of formatPlan(this.#plan, this.#state, this.#warnings)) this.log(line);
    }
  }

  async confirm(): Promise<void> {
    if (!this.#plan || this.#plan.commands.length === 0 || this.#flag('dry-run') || this.#flag('yes')) return;
    if (this.#flag('json')) {
      this.#failure = new ProvisionError('--json needs --yes (or --dry-run): it never asks.', 'Run again with --yes to apply, or --dry-run to only print the plan.');
      return;
    }
    const { proceed } = await this.prompt<{ proceed: boolean }>([{ type: 'confirm', name: 'proceed', message: 'Run these commands?', default: false }]);
    if (!proceed) this.#plan = { ...this.#plan, commands: [] };
  }

  async apply(): Promise<void> {
    if (this.#failure || !this.#plan || this.#flag('dry-run')) return;
    const human = !this.#flag('json');
    this.#applied = await applyPlan(this.#runner, this.#plan, {
      onStep: (command, line, index, total) => human && this.log(`[${index + 1}/${total}] ${command.description}\n  $ ${line}`),
      onOutput: (chunk) => human && this.log(chunk.replace(/\n$/, '')),
    });
    this.#failure = this.#applied.error;
    const app = this.#applied.createdApp ?? this.#state?.app ?? null;
    // Stored even after a later step failed, so a re-run continues with the same app; only what
    // changed is written, so a re-run with nothing to do leaves .yo-rc.json alone.
    if (!app) return;
    storeChanged(this, { ...answersToStore(this.#desired, app) });
  }

  /** Runs after `.yo-rc.json` is written, so a failure still keeps what was recorded. */
  end(): void {
    const dryRun = this.#flag('dry-run') === true;
    if (this.#flag('json')) {
      const report = jsonReport({ app: this.#desired?.app ?? null, plan: this.#plan, state: this.#state, dryRun, warnings: this.#warnings, applied: this.#applied, error: this.#failure, notices: this.#notices });
      process.stdout.write(`${this.#runner.redact(JSON.stringify(report, null, 2))}\n`);
    } else if (!this.#failure && this.#applied && this.#applied.outcomes.length > 0) {
      const url = this.#applied.createdApp?.webUrl ?? this.#state?.app?.webUrl;
      this.log(`Done: ${this.#desired.app} is provisioned${this.#desired.deploy ? ' and deployed' : ''}${url ? ` at ${url}` : ''}.`);
    } else if (dryRun && this.#plan) {
      this.log('Dry run: nothing was changed. Run without --dry-run to apply.');
    } else if (this.#plan && this.#plan.commands.length === 0 && !this.#plan.upToDate) {
      this.log('Nothing was changed.');
    }
    if (this.#failure) {
      const error = new Error(this.#runner.redact(this.#failure.report));
      error.name = this.#failure.name;
      // An expected, explained failure: the message is the whole story, a stack trace would bury it.
      error.stack = `${error.name}: ${error.message}`;
      throw error;
    }
  }

  async #step(work: () => Promise<void>): Promise<void> {
    if (this.#failure) return;
    try {
      await work();
    } catch (error) {
      if (!(error instanceof ProvisionError)) throw error;
      this.#failure = error;
    }
  }

  /** A flag's value; an empty one counts as not given. */
  #flag(name: keyof typeof FLAGS): string | boolean | undefined {
    const value = optionValue(this, name) as string | boolean | undefined;
    return value === '' ? undefined : value;
  }

  #text(name: keyof typeof FLAGS): string | undefined {
    const value = this.#flag(name);
    return typeof value === 'string' ? value : undefined;
  }

  #herokuOptions(): HerokuOptions {
    return {
      app: this.#text('app'),
      region: this.#text('region'),
      team: this.#text('team'),
      stack: this.#text('stack'),
      postgresPlan: this.#text('postgres-plan'),
      rotateSecret: this.#flag('rotate-secret') === true,
      skipDeploy: this.#flag('skip-deploy') === true,
      open: this.#flag('open') === true,
    };
  }
}
