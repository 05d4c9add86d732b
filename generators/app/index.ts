import { existsSync } from 'node:fs';
import path from 'node:path';
import Generator from 'yeoman-generator';
import { APP_SWITCHES, checkFlagsForPath, deployOptionsFrom } from '../../lib/command-line.js';
import { DEPLOY_FLAGS, DEPLOY_SWITCHES } from '../../lib/deploy-flags.js';
import { runTool } from '../../lib/run-tool.js';
import { checkTargetPath, readStoredAnswers } from '../../lib/target-checks.js';
import { planNewProject } from '../../lib/plan/project.js';
import { inspectTargetFolder, layoutChange, storedAnswers } from '../../lib/target.js';
import type { TemplateContext } from '../../lib/context.js';
import { buildContext } from '../../lib/context.js';
import { newProjectFolders } from '../../lib/plan/project.js';
import { findOnPath, lockStillNeeded, pythonLockStep } from '../../lib/python-lock.js';
import { recoverFolder } from '../apply-plan.js';
import {
  declareProjectOptions,
  givenAnswers,
  printContext,
  printsContext,
  resolveProjectAnswers,
  writePlan,
} from '../project.js';
import { checkedOptions, oneLineErrors, optionValue, switchOn } from '../yeoman-options.js';

/** `yo django-monorepo [folder]`: a new Django + client monorepo, ready for Heroku. */
export default class AppGenerator extends Generator {
  #context?: TemplateContext;
  #target = '';
  /** The target already holds a Django project: `:deploy` does the work instead. */
  #retrofit = false;
  /** Said last: the lock file the install step could not make, and the command that makes it. */
  #lockNotice?: string;

  constructor(args?: string | string[], options?: Record<string, unknown>) {
    super(args as string[], checkedOptions(options) as never);
    oneLineErrors(this);
    this.argument('folder', {
      type: String,
      required: false,
      description: 'Folder to create the project in (default: the current folder, when empty)',
    });
    declareProjectOptions(this);
    for (const [name, spec] of Object.entries(APP_SWITCHES)) this.option(name, { ...spec });
    // Declared so that a Django repo handed over to :deploy gets them; refused on a new project.
    const retrofitFlags = [...Object.values(DEPLOY_FLAGS).map((spec) => [spec.flag, { ...spec, type: String }] as const), ...Object.entries(DEPLOY_SWITCHES)];
    for (const [flag, { type, description }] of retrofitFlags) {
      if (!(flag in this._options)) this.option(flag, { type, description: `${description} (retrofit only)` });
    }
  }

  initializing(): void {
    const folder = (this.options as { folder?: string }).folder;
    const target = (this.#target = folder ? path.resolve(this.contextRoot, folder) : this.destinationRoot());
    checkTargetPath(target);
    recoverFolder(this, target);
    readStoredAnswers(target);
    const found = inspectTargetFolder(target);
    const given = (flag: string) => optionValue(this, flag);
    // Everything is checked before the folder is created or a question asked.
    checkFlagsForPath(found === 'django' ? 'retrofit' : 'new', given);
    if (found === 'django') {
      this.log(`${target} already holds a Django project: adding the deployment layer to it (yo django-monorepo:deploy).`);
      this.#retrofit = true;
      if (folder) this.destinationRoot(target);
      this.composeWith('django-monorepo:deploy', { generatorOptions: deployOptionsFrom(given) });
      return;
    }
    if (found === 'other') {
      throw new Error(
        `[folder] ${JSON.stringify(folder ?? target)} must be empty or a project made by this generator: choose a new folder.`,
      );
    }
    const moved = found === 'ours' ? layoutChange(storedAnswers(target), givenAnswers(this)) : undefined;
    if (moved) throw new Error(moved);
    // --print-context writes nothing, so it never creates the folder either.
    if (folder && !(printsContext(this) && found === 'missing')) this.destinationRoot(target);
  }

  async prompting(): Promise<void> {
    if (this.#retrofit) return;
    this.#context = buildContext(await resolveProjectAnswers(this, this.#target));
    if (printsContext(this)) printContext(this.#context);
  }

  async writing(): Promise<void> {
    if (this.#retrofit || printsContext(this)) return;
    await writePlan(this, planNewProject(this.#context!), this.#context!, newProjectFolders(this.#context!));
  }

  async install(): Promise<void> {
    const context = this.#context;
    if (!context || printsContext(this)) return;
    const skipInstall = switchOn(this, 'skip-install');
    const lock = pythonLockStep(context);
    if (lock && (skipInstall || !findOnPath(lock.program))) this.#lockNotice = lockStillNeeded(lock, skipInstall ? 'skip-install' : 'missing');
    else if (lock) {
      // runTool gives no stdin: a tool that asks (pipenv offering to install a Python) gets no, not a hang.
      await runTool(lock.program, lock.args, this.destinationPath(lock.dir)).catch(() => {
        throw new Error(lockStillNeeded(lock, 'failed'));
      });
    }
    if (!context.clientDir || skipInstall) return;
    await runTool('npm', ['install', '--no-audit', '--no-fund'], this.destinationPath(context.clientDir));
  }

  async end(): Promise<void> {
    if (this.#retrofit || printsContext(this)) return;
    if (!switchOn(this, 'skip-git') && !existsSync(this.destinationPath('.git'))) {
      await runTool('git', ['init', '--quiet', '--initial-branch=main'], this.destinationRoot());
    }
    this.log(`\nDone: ${this.destinationRoot()}\nNext: see README.md for local development and \`yo django-monorepo:heroku\` to deploy.`);
    if (this.#lockNotice) this.log(this.#lockNotice);
  }
}
