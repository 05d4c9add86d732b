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
}

export function parseGitignore(text: string, base: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.replace(/(?<!\\)\s+$/, '');
    if (line === '' || line.startsWith('#')) continue;
    const negated = line.startsWith('!');
    if (negated) line = line.slice(1);
    line = line.replace(/\/+$/, '');
    if (line === '') continue;
    // A slash before the end anchors the pattern to the .gitignore's folder.
    const anchored = line.includes('/');
    line = line.replace(/^\//, '');
    const body = globToRegex(line);
    rules.push({ base, negated, pattern: new RegExp(anchored ? `^${body}$` : `(^|/)${body}$`) });
  }
  return rules;
}

/** True when git would ignore the folder `dir` (relative to the repo root) under these rules. */
export function isIgnored(dir: string, rules: readonly IgnoreRule[]): boolean {
  let ignored = false;
  for (const rule of rules) {
    let relative: string;
    if (rule.base === '') relative = dir;
    else if (dir.startsWith(`${rule.base}/`)) relative = dir.slice(rule.base.length + 1);
    else continue;
    if (rule.pattern.test(relative)) ignored = !rule.negated;
  }
  return ignored;
}
