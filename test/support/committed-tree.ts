import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildTree } from '../../lib/heroku-build/index.js';
import { runChecked } from './processes.js';

/**
 * Heroku builds the commit a `git push` sends, not the working tree: a deployment file that
 * .gitignore hides passes a test of the folder and never reaches the build. So the end-to-end tests
 * commit the generated (or retrofitted) project and build from `git archive HEAD` in a fresh folder.
 */

/** Git without the machine's or the developer's config (hooks, signing, templates), with a fixed author. */
function gitEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'End-to-end test',
    GIT_AUTHOR_EMAIL: 'e2e@example.invalid',
    GIT_COMMITTER_NAME: 'End-to-end test',
    GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
    GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
    GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
  };
}

export function git(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
  return runChecked('git', args, { cwd, env: gitEnvironment(env), timeoutMs: 60_000 });
}

/**
 * Commits everything in `projectDir` that .gitignore lets through, as a user would before pushing:
 * `git init` when it is not a repository yet, `git add -A`, commit. Returns the commit's hash.
 * A repository with nothing new keeps its HEAD.
 */
export async function commitProject(
  projectDir: string,
  message = 'Generated project',
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  if (!existsSync(join(projectDir, '.git'))) await git(['init', '--quiet', '--initial-branch=main'], projectDir, env);
  await git(['add', '--all'], projectDir, env);
  const status = await git(['status', '--porcelain'], projectDir, env);
  const hasHead =
    (await git(['rev-parse', '--verify', '--quiet', 'HEAD'], projectDir, env).catch(() => undefined)) !== undefined;
  if (status.output.trim() !== '' || !hasHead) {
    await git(['commit', '--quiet', '--no-verify', '--allow-empty', '-m', message], projectDir, env);
  }
  return (await git(['rev-parse', 'HEAD'], projectDir, env)).output.trim();
}

/** The paths in the commit, as the build will see them. */
export async function committedFiles(projectDir: string, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const result = await git(['ls-tree', '-r', '-z', '--name-only', 'HEAD'], projectDir, env);
  return result.output.split('\0').filter(Boolean);
}

/** Files in the folder that .gitignore keeps out of the commit (what a test of the folder would wrongly see). */
export async function ignoredFiles(projectDir: string, env: NodeJS.ProcessEnv = process.env): Promise<string[]> {
  const result = await git(['ls-files', '-z', '--others', '--ignored', '--exclude-standard'], projectDir, env);
  return result.output.split('\0').filter(Boolean);
}

/** Writes the tree of HEAD (`git archive HEAD`) into `buildDir`, which must not exist yet or be empty. */
export async function exportCommit(
  projectDir: string,
  buildDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  mkdirSync(buildDir, { recursive: true });
  const archive = `${buildDir}.tar`;
  try {
    await git(['archive', '--format=tar', `--output=${archive}`, 'HEAD'], projectDir, env);
    await runChecked('tar', ['-x', '-f', archive, '-C', buildDir], { cwd: buildDir, env, timeoutMs: 60_000 });
  } finally {
    rmSync(archive, { force: true });
  }
}

export interface CommittedTree {
  commit: string;
  /** A fresh folder holding exactly the commit's files: build and run from here. */
  dir: string;
}

/** Commits the project and exports the commit into `buildDir`, as Heroku receives it after `git push`. */
export async function buildFromCommit(
  projectDir: string,
  buildDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<CommittedTree> {
  const commit = await commitProject(projectDir, 'Generated project', env);
  await exportCommit(projectDir, buildDir, env);
  return { commit, dir: buildDir };
}

/** The commit as Heroku's build rules read it (lib/heroku-build): its paths, read from the export. */
export async function committedBuildTree(
  tree: CommittedTree,
  projectDir: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<BuildTree> {
  const files = await committedFiles(projectDir, env);
  const inCommit = new Set(files);
  return {
    files,
    read: (path) => (inCommit.has(path) ? readFileSync(join(tree.dir, path), 'utf8') : undefined),
    committed: true,
  };
}
