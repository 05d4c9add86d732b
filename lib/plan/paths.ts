import path from 'node:path/posix';
import type { TemplateContext } from '../context.js';
import type { PlannedFile } from './types.js';

/**
 * Maps a template's path below its generator folder to the output path: `__module__` becomes the
 * project module, a leading single underscore becomes a dot (`_gitignore` -> `.gitignore`; `__init__.py`
 * is left alone) and `.ejs` is dropped.
 */
export function outputName(templatePath: string, context: Pick<TemplateContext, 'module'>): string {
  return templatePath
    .replace(/\.ejs$/, '')
    .split('/')
    .map((segment) => {
      if (segment === '__module__') return context.module;
      if (/^_[^_]/.test(segment)) return `.${segment.slice(1)}`;
      return segment;
    })
    .join('/');
}

/** Plans `templates/<folder>/<file>.ejs` for each file, written below `outputDir` of the project. */
export function planFolder(
  templateFolder: string,
  files: readonly string[],
  outputDir: string,
  context: Pick<TemplateContext, 'module'>,
): PlannedFile[] {
  return files.map((file) => ({
    template: `${templateFolder}/${file}.ejs`,
    destination: path.join(outputDir, outputName(file, context)),
  }));
}
