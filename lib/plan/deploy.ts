import type { TemplateContext } from '../context.js';
import { planFolder } from './paths.js';
import type { PlannedFile } from './types.js';

/** Heroku's files at the project root: how the monorepo is built, released and run. */
export function planDeployFiles(context: TemplateContext): PlannedFile[] {
  return planFolder('deploy', ['Procfile', '_buildpacks', 'requirements.txt', 'app.json'], '', context);
}

/** The files only a new project gets: its README, ignore rules and example environment. */
export function planProjectFiles(context: TemplateContext): PlannedFile[] {
  return planFolder('app', ['README.md', '_gitignore', '_env.example'], '', context);
}
