import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import path from 'node:path';
import Generator from 'yeoman-generator';
import { AmbiguousLayoutError, detectLayout, type DetectedLayout, type LayoutChoices } from '../../lib/detect/index.js';
import { DEPLOY_FLAGS, DEPLOY_SWITCHES, deployChoices } from '../../lib/deploy-flags.js';
import { readStoredAnswers } from '../../lib/target-checks.js';
import { planRetrofit, type RetrofitPlan } from '../../lib/plan/retrofit.js';
import { templateRoots } from '../../lib/templates.js';
import { formatLayout, formatPlan } from '../../lib/plan/retrofit-report.js';
import { buildContext, type TemplateContext } from '../../lib/context.js';
import { DEPLOY_LAYOUTS, resolveAnswers, type DeployLayout } from '../../lib/options.js';
import { LayoutError } from '../../lib/detect/types.js';
import { planDeployFiles } from '../../lib/plan/deploy.js';
import { applyPlan, recoverFolder } from '../apply-plan.js';
import { writePlan } from '../project.js';
import { checkedOptions, oneLineErrors, optionValue, storeChanged, switchOn } from '../yeoman-options.js';

type GeneratorOptions = ConstructorParameters<typeof Generator>[1];

/** `yo django-monorepo:deploy`: adds the deployment layer to an existing repo. Decisions live in lib/. */
export default class DeployGenerator extends Generator {
  #choices: LayoutChoices = {};
  #layout!: DetectedLayout;
  #plan!: RetrofitPlan;
  #confirmed = false;
  /** `subdir` or `official`: given, stored, or proposed where the repo already deploys with Heroku's own buildpacks. */
  #deployLayout: DeployLayout = 'subdir';
  /** Set in a project made by `yo django-monorepo`: its answers, not detection, say what to write. */
  #ourProject?: TemplateContext;

  constructor(args?: string[], options?: GeneratorOptions) {
    // Adding one script to a root package.json must not trigger Yeoman's automatic npm install.
    super(args ?? [], checkedOptions(options) as GeneratorOptions, { customInstallTask: true });
    oneLineErrors(this);
    for (const { flag, description } of Object.values(DEPLOY_FLAGS)) this.option(flag, { type: String, description });
    for (const [name, spec] of Object.entries(DEPLOY_SWITCHES)) this.option(name, { ...spec });
  }

  async initializing(): Promise<void> {
    recoverFolder(this);
    this.#choices = deployChoices((flag) => optionValue(this, flag));
    if (switchOn(this, 'replace-pipeline')) this.#choices.replacePipeline = true;
    readStoredAnswers(this.destinationRoot());
    const stored = this.config.getAll();
    const layout = optionValue(this, 'buildpacks') ?? stored.layout;
    if (layout !== undefined && !(DEPLOY_LAYOUTS as readonly unknown[]).includes(layout)) {
      throw new Error(`--buildpacks ${JSON.stringify(String(layout))} must be one of: ${DEPLOY_LAYOUTS.join(', ')}.`);
    }
    if (layout !== undefined) this.#deployLayout = this.#choices.deployLayout = layout as DeployLayout;
    // Only the app generator stores a framework: the deployment layer is then rendered from the
    // same answers, so running :deploy on a new project's output changes nothing.
    if (stored.framework !== undefined) {
      this.#ourProject = buildContext(await resolveAnswers(String(stored.projectName), {}, stored));
      return;
    }
    this.#layout = await this.#detect();
  }

  async prompting(): Promise<void> {
    if (this.#ourProject) {
      this.log('A project made by yo django-monorepo: its deployment files are written from the answers in .yo-rc.json.');
      return;
    }
    const read = (file: string): string | undefined => {
      const full = this.destinationPath(file);
      return this.fs.exists(full) ? this.fs.read(full) : undefined;
    };
    const templatesDir = ((optionValue(this, 'templates') as string | undefined) ?? this.config.get('templatesDir')) as string | undefined;
    this.#plan = planRetrofit(this.#layout, read, {
      projectName: path.basename(this.destinationRoot()),
      postbuild: this.#choices.postbuild,
      roots: templateRoots(this.destinationRoot(), templatesDir),
      deployLayout: this.#deployLayout,
      files: this.#repoFiles(),
    });
    this.log(`\nDetected layout\n${formatLayout(this.#layout)}\n`);
    for (const warning of this.#layout.warnings) this.log(`  note: ${warning}`);
    this.log(`\nPlan\n${formatPlan(this.#plan)}\n`);
    if (this.#plan.changes.length === 0) return;
    const yes = switchOn(this, 'yes');
    const dirty = this.#uncommittedFiles();
    if (dirty > 0) this.log(`  warning: the git tree has ${dirty} uncommitted change(s); commit first to review the retrofit as one diff.`);
    if (yes) {
      this.#confirmed = true;
      return;
    }
    const { proceed } = await this.prompt<{ proceed: boolean }>([
      { type: 'confirm', name: 'proceed', message: dirty > 0 ? 'Write the plan on top of uncommitted changes?' : 'Write the plan?', default: dirty === 0 },
    ]);
    this.#confirmed = proceed;
  }

  async writing(): Promise<void> {
    if (this.#ourProject) {
      await writePlan(this, planDeployFiles(this.#ourProject), this.#ourProject, [{ templateFolder: 'deploy', outputDir: '' }]);
      return;
    }
    if (!this.#confirmed) return;
    // What :heroku needs to find the backend; stored only when it changed, so a re-run writes nothing.
    const { backend } = this.#layout;
    const answers = { backendDir: backend.dir || '.', module: backend.wsgiPackage, herokuSettingsModule: backend.herokuSettings.module, layout: this.#deployLayout };
    storeChanged(this, answers);
    // The plan shown (and confirmed, or accepted by --yes) is applied as it is: no second question.
    await applyPlan(this, this.#plan.changes);
  }

  end(): void {
    if (this.#ourProject) return;
    const steps = this.#plan.nextSteps;
    if (this.#plan.changes.length > 0 && !this.#confirmed) this.log('Nothing written.');
    if (steps.length > 0) this.log(`\nStill to do:\n${steps.map((step) => `  - ${step}`).join('\n')}`);
    if (this.#confirmed) this.log(`\nNext: commit, then \`yo django-monorepo:heroku\` to create and configure the Heroku app.`);
  }

  /** Detection; several candidates are asked about (or refused with --yes, naming the flag). */
  async #detect(): Promise<DetectedLayout> {
    for (;;) {
      try {
        return detectLayout(fs, this.destinationRoot(), this.#choices);
      } catch (error) {
        if (await this.#proposeOfficial(error)) continue;
        if (!(error instanceof AmbiguousLayoutError) || switchOn(this, 'yes')) throw error;
        const name = error.flag === 'backend' ? 'backendDir' : 'clientDir';
        const { choice } = await this.prompt<{ choice: string }>([
          { type: 'select', name: 'choice', message: `Which of the ${error.what}?`, choices: error.candidates.map((c) => ({ name: c || '.', value: c || '.' })) },
        ]);
        this.#choices[name] = choice;
      }
    }
  }

  /**
   * A repo that already deploys with Heroku's own buildpacks at the root (detection refuses to switch
   * it to subdir) is offered the official layout, which keeps that deploy; --yes takes it.
   */
  async #proposeOfficial(error: unknown): Promise<boolean> {
    if (!(error instanceof LayoutError) || error.flag !== 'replace-pipeline' || this.#choices.deployLayout !== undefined) return false;
    let layout: DeployLayout = 'official';
    if (!switchOn(this, 'yes')) {
      this.log(error.message);
      ({ layout } = await this.prompt<{ layout: DeployLayout }>([
        { type: 'select', name: 'layout', message: 'Heroku buildpacks', default: 'official', choices: [
          { name: "official: keep Heroku's own buildpacks at the root", value: 'official' },
          { name: 'subdir: switch to .buildpacks + heroku-buildpack-subdir', value: 'subdir' },
        ] },
      ]));
    } else {
      this.log("This repo already deploys with Heroku's own buildpacks at the root: keeping that layout (--buildpacks official).");
    }
    this.#deployLayout = this.#choices.deployLayout = layout;
    if (layout === 'subdir') this.#choices.replacePipeline = true;
    return true;
  }

  /** What git would commit (tracked, and new files not ignored), for the build-rules check; undefined outside git. */
  #repoFiles(): string[] | undefined {
    try {
      const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: this.destinationRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
      return listed.split('\0').filter(Boolean);
    } catch {
      return undefined;
    }
  }

  #uncommittedFiles(): number {
    try {
      const status = execFileSync('git', ['status', '--porcelain'], { cwd: this.destinationRoot(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      return status.split('\n').filter(Boolean).length;
    } catch {
      return 0; // not a git repo
    }
  }
}
