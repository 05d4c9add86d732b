import { fileIgnoredBy } from '../detect/gitignore.js';
import { LayoutError } from '../detect/types.js';
import type { FileChange } from './retrofit.js';

export const NEGATION_COMMENT = '# Deployment files added by generator-django-monorepo: committed, so Heroku gets them';

/**
 * Heroku builds what is committed: a new file the user's .gitignore hides would never be deployed. Each
 * such file gets a `!` line appended to the .gitignore whose rule hides it (announced as a change); a
 * file inside an ignored folder cannot be re-included by git, so that is refused, naming the rule.
 */
export function negateIgnoredFiles(changes: readonly FileChange[], read: (file: string) => string | undefined): FileChange[] {
  const gitignoreOf = (dir: string): string => (dir ? `${dir}/.gitignore` : '.gitignore');
  const added = new Map<string, string[]>();
  for (const change of changes) {
    if (change.action !== 'create') continue;
    const hidden = fileIgnoredBy(change.path, (dir) => read(gitignoreOf(dir)));
    if (!hidden) continue;
    const where = gitignoreOf(hidden.rule.base);
    if (hidden.folder !== null) {
      throw new LayoutError(
        `${change.path} (${change.why}) would never be committed: its folder ${hidden.folder}/ is ignored by "${hidden.rule.source}" in ${where}, ` +
          'and git cannot re-include a file inside an ignored folder. Remove or narrow that line, and run again.',
        '',
      );
    }
    const relative = hidden.rule.base ? change.path.slice(hidden.rule.base.length + 1) : change.path;
    added.set(where, [...(added.get(where) ?? []), `!/${relative}`]);
  }
  return [...added].map(([file, lines]) => {
    const text = read(file) ?? '';
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const body = text === '' || text.endsWith('\n') ? text : `${text}${eol}`;
    return {
      path: file,
      contents: `${body}${[NEGATION_COMMENT, ...lines].join(eol)}${eol}`,
      action: 'add-lines' as const,
      why: `re-includes ${lines.map((line) => line.slice(2)).join(', ')}, which your rules would keep out of git`,
    };
  });
}
