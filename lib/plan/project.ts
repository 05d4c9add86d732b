import type { TemplateContext } from '../context.js';
import { planBackendFiles } from './backend.js';
import { planClientFiles } from './client.js';
import { planDeployFiles, planProjectFiles } from './deploy.js';
import type { PlannedFile } from './types.js';

/** Every file of a new project, in the order they are written. */
export function planNewProject(context: TemplateContext): PlannedFile[] {
  return [
    ...planProjectFiles(context),
    ...planDeployFiles(context),
    ...planBackendFiles(context),
    ...planClientFiles(context),
  ];
}
