// Shared by the new-project generators: options declared from lib/options.ts, answers resolved once,
// rendered files written through the one apply step (generators/apply-plan.ts, lib/apply).
import YeomanGenerator from 'yeoman-generator';
import { buildContext, type TemplateContext } from '../lib/context.js';
import { PROJECT_SWITCHES } from '../lib/command-line.js';
import { projectNameFrom } from '../lib/names.js';
import {
  checkGivenOptions,
  PROJECT_OPTIONS,
  resolveAnswers,
  type AnswerName,
  type OptionSpec,
  type ProjectAnswers,
} from '../lib/options.js';
import { applyOverrides, type TemplateFolder } from '../lib/plan/overrides.js';
import { newProjectFolders } from '../lib/plan/project.js';
import type { PlannedFile } from '../lib/plan/types.js';
import { layoutChange } from '../lib/target.js';
import { formatOverrides, renderPlan, templateRoots } from '../lib/templates.js';
import { applyPlan, recoverFolder } from './apply-plan.js';
import { checkedOptions, oneLineErrors, optionValue, storeChanged, switchOn } from './yeoman-options.js';

type Generator = YeomanGenerator;

export function declareProjectOptions(generator: Generator): void {
  for (const spec of PROJECT_OPTIONS) {
    generator.option(spec.flag, {
      type: String,
      description: `${spec.description} (default: ${spec.defaultHelp ?? spec.defaultFor({})})`,
    });
  }
  for (const [name, spec] of Object.entries(PROJECT_SWITCHES)) generator.option(name, { ...spec });
}

/** The answers given as flags on the command line. */
export function givenAnswers(generator: Generator): Partial<Record<AnswerName, unknown>> {
  const given: Partial<Record<AnswerName, unknown>> = {};
  for (const spec of PROJECT_OPTIONS) {
    const value = optionValue(generator, spec.flag);
    if (value !== undefined) given[spec.name] = value;
  }
  return given;
}

/** Flags first, then `.yo-rc.json`, then a prompt (unless --yes), then the default. */
export async function resolveProjectAnswers(
  generator: Generator,
  projectFolder = generator.destinationRoot(),
): Promise<ProjectAnswers> {
  const given = givenAnswers(generator);
  const stored = generator.config.getAll() as Partial<Record<AnswerName | 'projectName', unknown>>;
  const projectName = String(stored.projectName ?? projectNameFrom(projectFolder));
  const ask = switchOn(generator, 'yes')
    ? undefined
    : async (spec: OptionSpec, fallback: string) => {
        const question = spec.choices
          ? { type: 'list' as const, name: 'value', message: spec.message, choices: [...spec.choices], default: fallback }
          : { type: 'input' as const, name: 'value', message: spec.message, default: fallback };
        const { value } = (await generator.prompt({
          ...question,
          validate: (input: string) => spec.rule(input) ?? true,
        } as Parameters<typeof generator.prompt>[0])) as { value: string };
        return value;
      };
  const answers = await resolveAnswers(projectName, given, stored, ask);
  if (!printsContext(generator)) storeChanged(generator, { ...answers });
  return answers;
}

/** True when the run only prints the context (`--print-context`): later tasks then do nothing. */
export function printsContext(generator: Generator): boolean {
  return switchOn(generator, 'print-context');
}

/** On stdout, as data for other tools; Yeoman's log goes to stderr. */
export function printContext(context: TemplateContext): void {
  process.stdout.write(`${JSON.stringify(context, null, 2)}\n`);
}

/** Renders the plan through the repo's template overrides, then writes it, with the answers, all or nothing. */
export async function writePlan(
  generator: Generator,
  plan: readonly PlannedFile[],
  context: TemplateContext,
  folders: readonly TemplateFolder[],
): Promise<void> {
  const given = optionValue(generator, 'templates') as string | undefined;
  const templatesDir = (given ?? generator.config.get('templatesDir')) as string | undefined;
  if (given) storeChanged(generator, { templatesDir });
  const roots = templateRoots(generator.destinationRoot(), templatesDir);
  // Everything renders before the first write, so a broken template leaves the disk untouched.
  const files = await formatOverrides(renderPlan(applyOverrides(plan, roots, folders, context), context, roots));
  await applyPlan(generator, files.map((file) => ({ path: file.destination, contents: file.contents, action: 'create' })));
}

/** A generator that writes one part of a project (`:backend`, `:client`) with the stored answers. */
export function projectPartGenerator(part: 'backend' | 'client', planFiles: (context: TemplateContext) => PlannedFile[]) {
  return class ProjectPartGenerator extends YeomanGenerator {
    #context?: TemplateContext;

    constructor(args?: string | string[], options?: Record<string, unknown>) {
      super(args as string[], checkedOptions(options) as never);
      oneLineErrors(this);
      declareProjectOptions(this);
    }

    initializing(): void {
      checkGivenOptions(givenAnswers(this));
      recoverFolder(this);
      const stored = this.config.getAll();
      // Answers without a framework were stored by :deploy: the repo's Django project and client are
      // the user's own, and this generator would write ours beside them.
      if (Object.keys(stored).length > 0 && stored.framework === undefined) {
        throw new Error(`This repo was retrofitted with yo django-monorepo:deploy; :${part} only writes parts of projects made by yo django-monorepo.`);
      }
      const moved = layoutChange(stored, givenAnswers(this));
      if (moved) throw new Error(moved);
    }

    async prompting(): Promise<void> {
      this.#context = buildContext(await resolveProjectAnswers(this));
      if (printsContext(this)) printContext(this.#context);
    }

    async writing(): Promise<void> {
      if (printsContext(this)) return;
      const folders = newProjectFolders(this.#context!).filter((folder) => folder.templateFolder.startsWith(part));
      await writePlan(this, planFiles(this.#context!), this.#context!, folders);
    }
  };
}
