import { BUILDPACKS_RULES, subdirApps } from './buildpacks-file.js';
import { IGNORE_RULES } from './ignored.js';
import { NODE_RULES } from './node.js';
import { OFFICIAL_RULES } from './official.js';
import { hasFile, hasFolder } from './paths.js';
import { PYTHON_RULES } from './python.js';
import { treeWithPlan, type PlannedContent } from './tree.js';
import type { BuildApp, BuildFinding, BuildLayout, BuildRule, BuildTree } from './types.js';

export type { BuildApp, BuildFinding, BuildLayout, BuildRule, BuildTree } from './types.js';
export { treeFromFiles, treeWithPlan, type PlannedContent } from './tree.js';
export { PYTHON_VERSIONS, pythonVersionStatus, parsePythonVersionFile } from './python-versions.js';
export { NODE_VERSIONS, nodeMajorStatus, engineMajor } from './node-versions.js';
export { parseBuildpacksFile, buildpackKind, BUILDPACKS_FILE } from './buildpacks-file.js';
export { pythonPackageManager } from './python.js';
export { SOURCES } from './sources.js';
export { deploymentFileCandidates } from './ignored.js';

/** Every rule, in the order its findings are reported. */
export const BUILD_RULES: readonly BuildRule[] = [...BUILDPACKS_RULES, ...IGNORE_RULES, ...PYTHON_RULES, ...NODE_RULES, ...OFFICIAL_RULES];

/**
 * The folders Heroku's buildpacks build: for `subdir` the lines of the committed `.buildpacks`; for
 * `official` the root, built by the Python buildpack and, when a package.json is there, Node.js first.
 * Folders missing from the tree are left out (the buildpacks rule reports them).
 */
export function buildApps(tree: BuildTree, layout: BuildLayout): BuildApp[] {
  if (layout === 'official') {
    const node: BuildApp[] = hasFile(tree, 'package.json') ? [{ dir: '', buildpack: 'nodejs' }] : [];
    return [...node, { dir: '', buildpack: 'python' }];
  }
  return subdirApps(tree).filter(({ dir }) => hasFolder(tree, dir));
}

/** What Heroku's build would refuse or warn about in this tree; errors first, each with its fix. */
export function checkBuild(tree: BuildTree, layout: BuildLayout, rules: readonly BuildRule[] = BUILD_RULES): BuildFinding[] {
  const input = { tree, layout, apps: buildApps(tree, layout) };
  const findings = rules.flatMap((rule) => rule.check(input).map((found) => ({ rule: rule.id, ...found, source: rule.source })));
  return [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity === 'warning')];
}

/** `:deploy`'s check: the repo's files with the plan written over them, before anything is written. */
export function checkPlannedBuild(existing: BuildTree, planned: readonly PlannedContent[], layout: BuildLayout): BuildFinding[] {
  return checkBuild(treeWithPlan(existing, planned), layout);
}

/** The files the rules read (not just list), so a git reader can fetch only those from a commit. */
export function filesToRead(files: readonly string[]): string[] {
  const names = new Set(['.buildpacks', '.gitignore', '.python-version', 'runtime.txt', 'package.json', 'app.json', 'project.toml', 'pyproject.toml']);
  return files.filter((file) => names.has(file.slice(file.lastIndexOf('/') + 1)));
}

/** One line per finding, as users see it: what is wrong, then what to do. */
export function formatFinding(finding: BuildFinding): string {
  return `${finding.severity === 'error' ? 'Error' : 'Warning'}: ${finding.message} ${finding.fix}`;
}
