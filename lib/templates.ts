import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import ejs from 'ejs';
import type { TemplateContext } from './context.js';
import type { PlannedFile } from './plan/types.js';

/** The generator package's root: found by walking up, since sources and dist sit at different depths. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

export const BUILT_IN_TEMPLATES = path.join(packageRoot(), 'templates');

/** Where a repo keeps its own versions of our templates. */
export const OVERRIDE_FOLDER = '.django-monorepo/templates';

/** A file named like a template plus this suffix drops that template's file from the output. */
export const SKIP_SUFFIX = '.skip';

/** Template folders in lookup order: the first one holding a template wins; built-ins come last. */
export type TemplateRoots = readonly string[];

/** `--templates` (or `templatesDir` in .yo-rc.json), then the repo's override folder, then built-ins. */
export function templateRoots(projectRoot: string, templatesDir?: string): string[] {
  const overrides = [templatesDir && path.resolve(projectRoot, templatesDir), path.join(projectRoot, OVERRIDE_FOLDER)];
  return [...overrides.filter((dir): dir is string => Boolean(dir) && existsSync(dir!)), BUILT_IN_TEMPLATES];
}

export function findTemplate(name: string, roots: TemplateRoots): string {
  for (const root of roots) {
    const candidate = path.join(root, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`Template ${name} was not found in ${roots.join(', ')}`);
}

export class TemplateError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    readonly reason: string,
  ) {
    super(`Template ${file}${line ? ` line ${line}` : ''}: ${reason}`);
    this.name = 'TemplateError';
  }
}

export interface RenderedFile {
  destination: string;
  contents: string;
  /** The template came from an override folder, not from the generator. */
  overridden: boolean;
}

function ejsOptions(filename: string, roots: TemplateRoots): ejs.Options {
  return {
    filename,
    // Includes resolve through the same lookup, so a partial can be overridden on its own.
    includer: (includePath: string) => ({ filename: findTemplate(includePath, roots) }),
  };
}

export function renderTemplate(name: string, context: TemplateContext, roots: TemplateRoots): string {
  return renderFile(findTemplate(name, roots), context, roots);
}

function renderFile(filename: string, context: TemplateContext, roots: TemplateRoots): string {
  const text = readFileSync(filename, 'utf8');
  try {
    return ejs.render(text, context, ejsOptions(filename, roots)) as string;
  } catch (error) {
    throw templateError(filename, text, error as Error, roots);
  }
}

/** ejs reports runtime errors as `file:line` plus a snippet, and syntax errors with no line at all. */
function templateError(filename: string, text: string, error: Error, roots: TemplateRoots): TemplateError {
  const located = /^(\/[^\n]+?):(\d+)\n[\s\S]*?\n\n([\s\S]+)$/.exec(error.message);
  if (located) return new TemplateError(located[1], Number(located[2]), located[3].trim());
  const reason = error.message.split('\n')[0].replace(` in ${filename}`, '').replace(/ while compiling ejs$/, '');
  return new TemplateError(filename, syntaxErrorLine(text, filename, roots), reason);
}

// Compiles ejs's generated function body to find where it stops parsing, then maps that back to the
// template line ejs recorded there (`__line = N`).
function syntaxErrorLine(text: string, filename: string, roots: TemplateRoots): number | undefined {
  const template = new (ejs as unknown as { Template: new (text: string, options: object) => { generateSource(): void; source: string } }).Template(
    text,
    { ...ejsOptions(filename, roots), compileDebug: true },
  );
  try {
    template.generateSource();
    new vm.Script(`(function () {\n${template.source}\n})`);
    return undefined;
  } catch (error) {
    const at = /evalmachine\.<anonymous>:(\d+)/.exec(String((error as Error).stack));
    if (!at) return undefined;
    const sourceLines = template.source.split('\n').slice(0, Number(at[1]) - 1);
    const marks = sourceLines.join('\n').match(/__line = (\d+)/g);
    return marks ? Number(marks[marks.length - 1].slice('__line = '.length)) : 1;
  }
}

const PRETTIER_FILES = /\.(js|jsx|ts|tsx|mjs|cjs|json|md|ya?ml|css|html|vue)$/;

/** Renders every planned file; callers write only once all have rendered, so a broken template leaves nothing. */
export function renderPlan(
  plan: readonly PlannedFile[],
  context: TemplateContext,
  roots: TemplateRoots = [BUILT_IN_TEMPLATES],
): RenderedFile[] {
  return plan.map((file) => {
    const filename = findTemplate(file.template, roots);
    return {
      destination: file.destination,
      contents: renderFile(filename, context, roots),
      overridden: !filename.startsWith(BUILT_IN_TEMPLATES + path.sep),
    };
  });
}

/** Runs prettier over what overridden templates rendered; built-ins already render prettier-clean. */
export async function formatOverrides(files: RenderedFile[]): Promise<RenderedFile[]> {
  const formattable = (file: RenderedFile) => file.overridden && PRETTIER_FILES.test(file.destination);
  if (!files.some(formattable)) return files;
  const prettier = await import('prettier');
  return Promise.all(
    files.map(async (file) =>
      formattable(file) ? { ...file, contents: await prettier.format(file.contents, { filepath: file.destination }) } : file,
    ),
  );
}
