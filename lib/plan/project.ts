import type { TemplateContext } from '../context.js';
import { planBackendFiles } from './backend.js';
import { planClientFiles } from './client.js';
import { planDeployFiles, planProjectFiles } from './deploy.js';
import type { TemplateFolder } from './overrides.js';
import { planFolder } from './paths.js';
import type { PlannedFile } from './types.js';

/** Every file of a new project, in the order they are written. */
export function planNewProject(context: TemplateContext): PlannedFile[] {
  return [
    ...planProjectFiles(context),
    // The project's own CI: lint, tests and the deploy check on every push.
    ...planFolder('app', ['_github/workflows/ci.yml'], '', context),
    ...planDeployFiles(context),
    ...planBackendFiles(context),
    ...planClientFiles(context),
  ];
}

/** Where each template folder of a new project writes to; override folders use the same map. */
export function newProjectFolders(context: TemplateContext): TemplateFolder[] {
  return [
    { templateFolder: 'app', outputDir: '' },
    { templateFolder: 'deploy', outputDir: '' },
    { templateFolder: 'backend', outputDir: context.backendDir },
    ...(context.clientDir ? [{ templateFolder: `client/${context.framework}`, outputDir: context.clientDir }] : []),
  ];
}
