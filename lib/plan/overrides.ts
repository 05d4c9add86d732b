import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { TemplateContext } from '../context.js';
import { BUILT_IN_TEMPLATES, SKIP_SUFFIX, type TemplateRoots } from '../templates.js';
import { planFolder } from './paths.js';
import type { PlannedFile } from './types.js';

/** A template folder and the project folder its files are written to. */
export interface TemplateFolder {
  templateFolder: string;
  outputDir: string;
}

/** Every `.ejs` file below a folder, as paths relative to it, sorted. */
export function listTemplates(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ejs'))
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * The plan as a repo's override folders change it: a `<template>.skip` file drops that file, and a
 * template with no built-in counterpart adds a file, under the same path rules.
 */
export function applyOverrides(
  plan: readonly PlannedFile[],
  roots: TemplateRoots,
  folders: readonly TemplateFolder[],
  context: Pick<TemplateContext, 'module'>,
): PlannedFile[] {
  const overrideRoots = roots.filter((root) => root !== BUILT_IN_TEMPLATES);
  if (overrideRoots.length === 0) return [...plan];
  const skipped = (template: string) => overrideRoots.some((root) => existsSync(path.join(root, template + SKIP_SUFFIX)));
  const planned = new Set(plan.map((file) => file.template));
  const added: PlannedFile[] = [];
  for (const { templateFolder, outputDir } of folders) {
    for (const root of overrideRoots) {
      const files = listTemplates(path.join(root, templateFolder))
        .map((file) => file.replace(/\.ejs$/, ''))
        // A copy of a built-in the plan leaves out (say an ejected Pipfile in a pip project) stays out.
        .filter((file) => !planned.has(`${templateFolder}/${file}.ejs`))
        .filter((file) => !existsSync(path.join(BUILT_IN_TEMPLATES, templateFolder, `${file}.ejs`)));
      for (const file of planFolder(templateFolder, files, outputDir, context)) {
        planned.add(file.template);
        added.push(file);
      }
    }
  }
  return [...plan, ...added].filter((file) => !skipped(file.template));
}
