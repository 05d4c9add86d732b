// Shared by the new-project generators: options declared from lib/options.ts, answers resolved once,
// rendered files written through mem-fs so Yeoman's conflicter guards the disk.
import YeomanGenerator from 'yeoman-generator';

type Generator = YeomanGenerator;
import { buildContext, type TemplateContext } from '../lib/context.js';
import {
  checkGivenOptions,
  PROJECT_OPTIONS,
  resolveAnswers,
  type AnswerName,
  type OptionSpec,
  type ProjectAnswers,
} from '../lib/options.js';
import { projectNameFrom } from '../lib/names.js';
import type { PlannedFile } from '../lib/plan/types.js';
import { renderPlan } from '../lib/templates.js';

export function declareProjectOptions(generator: Generator): void {
  for (const spec of PROJECT_OPTIONS) {
    generator.option(spec.flag, {
      type: String,
      description: `${spec.description} (default: ${spec.defaultHelp ?? spec.defaultFor({})})`,
    });
  }
  generator.option('yes', {
    type: Boolean,
    alias: 'y',
    description: 'Take the default for every question that has no flag or stored answer; never prompt',
    default: false,
  });
}

function camelCase(flag: string): string {
  return flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** The answers given as flags on the command line. */
export function givenAnswers(generator: Generator): Partial<Record<AnswerName, unknown>> {
  const options = generator.options as Record<string, unknown>;
  const given: Partial<Record<AnswerName, unknown>> = {};
  for (const spec of PROJECT_OPTIONS) {
    const value = options[camelCase(spec.flag)] ?? options[spec.flag];
    if (value !== undefined) given[spec.name] = value;
  }
  return given;
}

/** Flags first, then `.yo-rc.json`, then a prompt (unless --yes), then the default. */
export async function resolveProjectAnswers(generator: Generator): Promise<ProjectAnswers> {
  const options = generator.options as Record<string, unknown>;
  const given = givenAnswers(generator);
  const stored = generator.config.getAll() as Partial<Record<AnswerName | 'projectName', unknown>>;
  const projectName = String(stored.projectName ?? projectNameFrom(generator.destinationRoot()));
  const ask = options.yes
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
  // Only what changed is stored, so a re-run leaves .yo-rc.json untouched.
  const changed = Object.entries(answers).filter(([key, value]) => stored[key as AnswerName] !== value);
  if (changed.length > 0) generator.config.set(Object.fromEntries(changed));
  return answers;
}

export function contextFor(answers: ProjectAnswers): TemplateContext {
  return buildContext(answers);
}

export function writePlan(generator: Generator, plan: readonly PlannedFile[], context: TemplateContext): void {
  for (const file of renderPlan(plan, context)) {
    generator.fs.write(generator.destinationPath(file.destination), file.contents);
  }
}

/** A generator that writes one part of a project (`:backend`, `:client`) with the stored answers. */
export function projectPartGenerator(planFiles: (context: TemplateContext) => PlannedFile[]) {
  return class ProjectPartGenerator extends YeomanGenerator {
    #context?: TemplateContext;

    constructor(args?: string | string[], options?: Record<string, unknown>) {
      super(args as string[], options as never);
      declareProjectOptions(this);
    }

    initializing(): void {
      checkGivenOptions(givenAnswers(this));
    }

    async prompting(): Promise<void> {
      this.#context = contextFor(await resolveProjectAnswers(this));
    }

    writing(): void {
      writePlan(this, planFiles(this.#context!), this.#context!);
    }
  };
}
