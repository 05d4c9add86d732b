import {
  buildApps,
  checkBuild,
  deploymentFileCandidates,
  filesToRead,
  formatFinding,
  SOURCES,
  type BuildFinding,
  type BuildLayout,
  type BuildTree,
} from '../heroku-build/index.js';
import { ProvisionError } from './errors.js';
import type { CommandRunner } from './runner.js';

/**
 * The commit as Heroku receives it after `git push`: its file list (`git ls-tree -r`) and the text of
 * the files the build rules read (`git show <rev>:<path>`), never the working tree.
 */
export async function readCommittedTree(runner: CommandRunner, rev = 'HEAD'): Promise<BuildTree> {
  const listing = await runner.git(['ls-tree', '-r', '-z', '--name-only', rev]);
  if (listing.exitCode !== 0)
    throw new ProvisionError(`git could not list ${rev}: ${listing.stderr.trim()}`, 'Commit the project, then run again.');
  const files = listing.stdout.split('\0').filter(Boolean);
  const texts = new Map<string, string>();
  const wanted = filesToRead(files);
  // A few at a time: a repo can hold many .gitignore files, and each is one git process.
  for (let i = 0; i < wanted.length; i += 8) {
    const batch = wanted.slice(i, i + 8);
    const shown = await Promise.all(batch.map((file) => runner.git(['show', `${rev}:${file}`])));
    shown.forEach((result, index) => result.exitCode === 0 && texts.set(batch[index], result.stdout));
  }
  return { files, committed: true, read: (path) => texts.get(path) };
}

/**
 * Deployment files that are on disk but that git ignores, so no commit will ever carry them (five of
 * 18 real repos ignore `.python-version`). Git itself answers, with the rule that ignores each file.
 */
export async function ignoredDeploymentFiles(runner: CommandRunner, tree: BuildTree, layout: BuildLayout): Promise<BuildFinding[]> {
  const candidates = deploymentFileCandidates(buildApps(tree, layout)).filter((file) => !tree.files.includes(file));
  if (candidates.length === 0) return [];
  const ignored = await runner.git(['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--', ...candidates]);
  const files = ignored.stdout.split('\0').filter(Boolean);
  if (files.length === 0) return [];
  // `check-ignore -v`: `<source>:<line>:<pattern><TAB><path>` per file (-z needs --stdin, which the runner has not).
  const why = await runner.git(['check-ignore', '-v', '--', ...files]);
  const rules = new Map<string, string>();
  for (const line of why.stdout.split('\n')) {
    const match = /^(.*):(\d+):(.*)\t(.*)$/.exec(line);
    if (match) rules.set(match[4], `\`${match[3]}\` (${match[1]} line ${match[2]})`);
  }
  return files.map((path) => ({
    rule: 'deployment-file-ignored',
    severity: 'error',
    path,
    message: `${path} is on disk but git ignores it${rules.has(path) ? ` by ${rules.get(path)}` : ''}, so the push leaves it out and Heroku builds without it.`,
    fix: `Remove that rule (or add \`!${path}\` after it), then \`git add ${path}\` and commit.`,
    source: SOURCES.ignored,
  }));
}

export class BuildWouldFailError extends ProvisionError {
  constructor(readonly findings: readonly BuildFinding[]) {
    const lines = findings.map((finding) => `  - ${finding.message}`);
    super(
      `Heroku's build would refuse the commit about to be pushed:\n${lines.join('\n')}`,
      `${findings.map((finding) => finding.fix).join('\n→ ')}\nThen commit, and run again (or --skip-deploy to provision without pushing).`,
    );
  }
}

/**
 * Checks the commit a push would deploy against Heroku's build rules, and the deployment files git
 * would keep out of it: stops on what the build would refuse, before anything is provisioned or
 * pushed; returns the warnings as notices.
 */
export async function checkCommittedBuild(runner: CommandRunner, layout: BuildLayout): Promise<string[]> {
  const tree = await readCommittedTree(runner);
  const findings = [...(await ignoredDeploymentFiles(runner, tree, layout)), ...checkBuild(tree, layout)];
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length > 0) throw new BuildWouldFailError(errors);
  return findings.map((finding) => `Heroku's build, ${formatFinding(finding).replace(/^Warning/, 'warning')}`);
}
