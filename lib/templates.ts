import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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

/** Template folders in lookup order: the first one holding a template wins. */
export type TemplateRoots = readonly string[];

export function findTemplate(name: string, roots: TemplateRoots): string {
  for (const root of roots) {
    const candidate = path.join(root, name);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`Template ${name} was not found in ${roots.join(', ')}`);
}

export interface RenderedFile {
  destination: string;
  contents: string;
}

export function renderTemplate(name: string, context: TemplateContext, roots: TemplateRoots): string {
  const filename = findTemplate(name, roots);
  return ejs.render(readFileSync(filename, 'utf8'), context, {
    filename,
    // Includes resolve through the same lookup, so a partial can be overridden on its own.
    includer: (includePath: string) => ({ filename: findTemplate(includePath, roots) }),
  }) as string;
}

export function renderPlan(
  plan: readonly PlannedFile[],
  context: TemplateContext,
  roots: TemplateRoots = [BUILT_IN_TEMPLATES],
): RenderedFile[] {
  return plan.map((file) => ({
    destination: file.destination,
    contents: renderTemplate(file.template, context, roots),
  }));
}
