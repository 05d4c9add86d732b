import { globToRegex } from '../glob.js';

/**
 * Just enough of .gitignore to skip ignored folders while scanning: globs, anchoring, `**`, negation
 * (last match wins). Only folders are asked about, so file-only rules simply never match.
 */
export interface IgnoreRule {
  /** Folder of the .gitignore the rule came from, relative to the repo root. */
  base: string;
  pattern: RegExp;
  negated: boolean;
  /** `name/`: matches folders only. */
  dirOnly: boolean;
  /** The line as written, to name it in a message. */
  source: string;
}

export function parseGitignore(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const source = line;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    const dirOnly = line.endsWith('/');
    line = line.replace(/\/+$/, '');
    if (line === '') continue;
    // A slash before the end anchors the pattern to the .gitignore's folder.
    const anchored = line.includes('/');
    line = line.replace(/^\//, '');
    const body = globToRegex(line);
    rules.push({ base, negated, dirOnly, source, pattern: new RegExp(anchored ? `^${body}$` : `(^|/)${body}$`) });
  }
  return rules;
}

/** True when git would ignore the folder `dir` (relative to the repo root) under these rules. */
export function isIgnored(dir: string, rules: readonly IgnoreRule[]): boolean {
  return deciding(dir, rules, true)?.negated === false;
}

/** The rule that decides whether git ignores `rel` (last match wins), if any matches. */
export function deciding(rel: string, rules: readonly IgnoreRule[], isDir: boolean): IgnoreRule | undefined {
  let found: IgnoreRule | undefined;
  for (const rule of rules) {
    if (rule.dirOnly && !isDir) continue;
    let relative: string;
    if (rule.base === '') relative = rel;
    else if (rel.startsWith(`${rule.base}/`)) relative = rel.slice(rule.base.length + 1);
    else continue;
    if (rule.pattern.test(relative)) found = rule;
  }
  return found;
}

/**
 * Why git would not commit a file (relative to the repo root): the rule that ignores it, and whether it
 * is the file's own rule (a `!` line re-includes it) or a folder above it (git cannot re-include a file
 * there). Rules come from every .gitignore between the root and the file. undefined: not ignored.
 */
export function fileIgnoredBy(file: string, readGitignore: (dir: string) => string | undefined): { rule: IgnoreRule; folder: string | null } | undefined {
  const parts = file.split('/');
  const rules: IgnoreRule[] = [];
  for (let depth = 0; depth < parts.length; depth++) {
    const dir = parts.slice(0, depth).join('/');
    if (depth > 0) {
      const rule = deciding(dir, rules, true);
      if (rule && !rule.negated) return { rule, folder: dir };
    }
    const text = readGitignore(dir);
    if (text !== undefined) rules.push(...parseGitignore(text, dir));
  }
  const rule = deciding(file, rules, false);
  return rule && !rule.negated ? { rule, folder: null } : undefined;
}
