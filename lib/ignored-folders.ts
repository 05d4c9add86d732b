// Folder names the generated .gitignore files ignore, read from the templates themselves: a backend or
// client folder with such a name would leave the project's code out of git (and so out of Heroku).
import { buildContext } from './context.js';
import { isIgnored, parseGitignore, type IgnoreRule } from './detect/gitignore.js';
import type { Rule } from './names.js';
import { BUILT_IN_TEMPLATES, renderTemplate } from './templates.js';
import { FRAMEWORKS, type ProjectAnswers } from './options.js';

let rules: Array<IgnoreRule & { line: string }> | undefined;

/**
 * The rules of the root and client .gitignore templates, rendered with the backend and client at the
 * root (`<backend>/staticfiles/` becomes `/staticfiles/`), so they can be matched against one folder name.
 */
function generatedRules(): Array<IgnoreRule & { line: string }> {
  if (rules) return rules;
  const answers = { projectName: 'app', module: 'app', backendDir: '', clientDir: '', herokuApp: 'app', pythonVersion: '3.13', nodeVersion: '22', pythonDeps: 'pip' };
  const texts = FRAMEWORKS.filter((framework) => framework !== 'none').map((framework) => {
    const context = buildContext({ ...answers, framework } as ProjectAnswers);
    return [renderTemplate('app/_gitignore.ejs', context, [BUILT_IN_TEMPLATES]), renderTemplate(`client/${framework}/_gitignore.ejs`, context, [BUILT_IN_TEMPLATES])];
  });
  const lines = [...new Set(texts.flat().flatMap((text) => text.split(/\r?\n/)))];
  rules = lines.flatMap((line) => parseGitignore(line, '').map((rule) => ({ ...rule, line: line.trim() })));
  return rules;
}

/** Refuses a folder path any of whose names the generated .gitignore files ignore (venv, node_modules, ...). */
export const notIgnoredFolder: Rule = (value) => {
  for (const name of value.split(/[\\/]/)) {
    const rule = generatedRules().find((candidate) => !candidate.negated && isIgnored(name, [candidate]));
    if (rule) return `names a folder the generated .gitignore ignores (${rule.line.replace(/^\//, '')}), so git would leave it out: choose another folder name`;
  }
  return undefined;
};
