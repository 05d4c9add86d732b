import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildContext, type TemplateContext } from '../../lib/context.js';
import { resolveAnswers, type AnswerName } from '../../lib/options.js';
import { planNewProject } from '../../lib/plan/project.js';
import { renderPlan, type RenderedFile } from '../../lib/templates.js';

export async function contextWith(given: Partial<Record<AnswerName, string>> = {}, projectName = 'my-app'): Promise<TemplateContext> {
  return buildContext(await resolveAnswers(projectName, given, {}));
}

/** A new project's files, rendered straight from lib/ without Yeoman. */
export async function renderNewProject(given: Partial<Record<AnswerName, string>> = {}): Promise<RenderedFile[]> {
  return renderPlan(planNewProject(await contextWith(given)), await contextWith(given));
}

/** Writes rendered files into a new temporary folder and returns it. */
export function writeToTempFolder(files: readonly RenderedFile[], prefix = 'project-'): string {
  const folder = mkdtempSync(path.join(tmpdir(), prefix));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(folder, file.destination)), { recursive: true });
    writeFileSync(path.join(folder, file.destination), file.contents);
  }
  return folder;
}
