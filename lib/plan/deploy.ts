import type { TemplateContext } from '../context.js';
import { planFolder } from './paths.js';
import type { PlannedFile } from './types.js';

/**
 * Heroku's files at the project root: how the monorepo is built, released and run. The subdir layout
 * lists a buildpack per folder in `.buildpacks`; the official layout gives Heroku's own buildpacks the
 * root files they detect: a package.json that builds the client, and the Python files.
 */
export function planDeployFiles(context: TemplateContext): PlannedFile[] {
  if (context.layout === 'subdir') return planFolder('deploy', ['Procfile', '_buildpacks', 'requirements.txt', 'app.json'], '', context);
  const node = context.hasClient ? ['package.json', 'package-lock.json'] : [];
  return planFolder('deploy', ['Procfile', ...node, 'requirements.txt', '_python-version', 'app.json', 'project.toml'], '', context);
}

/** The files only a new project gets: its README, ignore rules and example environment. */
export function planProjectFiles(context: TemplateContext): PlannedFile[] {
  return planFolder('app', ['README.md', '_gitignore', '_env.example'], '', context);
}
