import type { BuildTree } from './types.js';

/** A tree from path → text, for tests and for plans rendered in memory. */
export function treeFromFiles(files: Readonly<Record<string, string>>, committed = false): BuildTree {
  return { files: Object.keys(files).sort(), read: (path) => files[path], committed };
}

/** A planned file: where it goes and what it will hold. */
export interface PlannedContent {
  path: string;
  contents: string;
}

/**
 * The tree a plan would leave: the repo's files with the planned ones written over them. It is not
 * committed yet, so ignore rules still apply (a planned file that .gitignore hides is a finding).
 */
export function treeWithPlan(existing: BuildTree, planned: readonly PlannedContent[]): BuildTree {
  const written = new Map(planned.map((file) => [file.path, file.contents]));
  const files = [...new Set([...existing.files, ...written.keys()])].sort();
  return { files, read: (path) => (written.has(path) ? written.get(path) : existing.read(path)), committed: false };
}
