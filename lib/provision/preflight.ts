import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DjangoCheckFailedError, NoCommitError, NotAGitRepositoryError, ProvisionError } from './errors.js';
import { ProgramNotFoundError, type CommandRunner } from './runner.js';
import { generateSecretKey } from './secret.js';
import type { GitState } from './types.js';
import type { DeployLayout } from '../options.js';

/** Files Heroku needs at the repository root before the first push. */
export const DEPLOYMENT_FILES = ['Procfile', '.buildpacks'] as const;

/** The official layout has no .buildpacks: the Python buildpack reads the root's .python-version instead. */
export function deploymentFiles(layout: DeployLayout = 'subdir'): readonly string[] {
  return layout === 'official' ? ['Procfile', '.python-version'] : DEPLOYMENT_FILES;
}

export function missingDeploymentFiles(root: string, exists: (path: string) => boolean = existsSync, layout: DeployLayout = 'subdir'): string[] {
  return deploymentFiles(layout).filter((file) => !exists(join(root, file)));
}

export class ProjectBelowRepositoryRootError extends ProvisionError {
  constructor(root: string, top: string) {
    super(
      `The project (${root}) is not the root of its git repository (${top}); Heroku builds the repository root.`,
      'Run the generator at the repository root, or deploy the subfolder with `git subtree push --prefix <folder> heroku main`.',
    );
  }
}

/** Reads the local repository concurrently; fails with what to do when there is nothing to deploy. */
export async function readGitState(runner: CommandRunner, root: string, layout: DeployLayout = 'subdir'): Promise<GitState> {
  const [top, head, branch, remote, committed, status] = await Promise.all([
    runner.git(['rev-parse', '--show-toplevel']),
    runner.git(['rev-parse', '--verify', '--quiet', 'HEAD']),
    runner.git(['symbolic-ref', '--quiet', '--short', 'HEAD']),
    runner.git(['config', '--get', 'remote.heroku.url']),
    runner.git(['ls-tree', '--name-only', 'HEAD', '--', ...deploymentFiles(layout)]),
    // .yo-rc.json is left out: this generator writes it, and it plays no part in the build.
    runner.git(['status', '--porcelain', '--', '.', ':(exclude).yo-rc.json']),
  ]).catch((error: unknown) => {
    if (error instanceof ProgramNotFoundError) throw new NotAGitRepositoryError(`${root} (git is not installed)`);
    throw error;
  });
  if (top.exitCode !== 0) throw new NotAGitRepositoryError(root);
  if (resolve(top.stdout.trim()) !== resolve(root)) throw new ProjectBelowRepositoryRootError(root, top.stdout.trim());
  if (head.exitCode !== 0) throw new NoCommitError();
  return {
    head: head.stdout.trim(),
    branch: branch.exitCode === 0 ? branch.stdout.trim() : null,
    herokuRemote: remote.exitCode === 0 ? remote.stdout.trim() : null,
    committedDeploymentFiles: committed.stdout.split('\n').filter(Boolean),
    uncommittedChanges: status.stdout.split('\n').filter(Boolean).length,
  };
}

/** A push deploys the HEAD commit: its deployment files must be committed, and leftovers are said. */
export function checkCommitted(git: GitState, layout: DeployLayout = 'subdir'): string | null {
  const missing = deploymentFiles(layout).filter((file) => !git.committedDeploymentFiles.includes(file));
  if (missing.length > 0) throw new DeploymentFilesNotCommittedError(missing);
  if (git.uncommittedChanges === 0) return null;
  return `${git.uncommittedChanges} uncommitted change(s) will not be deployed: a push sends commits only.`;
}

export class DeploymentFilesNotCommittedError extends ProvisionError {
  constructor(readonly missing: readonly string[]) {
    super(`${missing.join(' and ')} ${missing.length === 1 ? 'exists but is' : 'exist but are'} not in the last commit, and a push deploys commits only.`, `Commit them (\`git add ${missing.join(' ')} && git commit\`), then run again.`);
  }
}

/** The project's virtualenv Python when there is one (where Django is installed), else `python3`. */
export function findPython(root: string, backendDir: string, exists: (path: string) => boolean = existsSync): string {
  const candidates = ['.venv', 'venv', `${backendDir}/.venv`, `${backendDir}/venv`].map((dir) => join(root, dir, 'bin', 'python'));
  return candidates.find((candidate) => exists(candidate)) ?? 'python3';
}

export interface DjangoCheckInput {
  backendDir: string;
  settingsModule: string;
}

/**
 * `manage.py check --deploy` with production-like env, where a local Python has Django. Returns a
 * notice when the check could not run (it is a convenience, not a gate); throws when it found problems.
 */
export async function checkDjangoDeploy(runner: CommandRunner, root: string, input: DjangoCheckInput): Promise<string> {
  const backend = join(root, input.backendDir);
  if (!existsSync(join(backend, 'manage.py'))) return `Skipped \`manage.py check --deploy\`: no ${input.backendDir}/manage.py.`;
  const skipped = (why: string) => `Skipped \`manage.py check --deploy\`: ${why}.`;
  const env = {
    DJANGO_SETTINGS_MODULE: input.settingsModule,
    DJANGO_SECRET_KEY: generateSecretKey(),
    DJANGO_DEBUG: '',
    DATABASE_URL: 'postgres://check:check@127.0.0.1:5432/check',
    ALLOWED_HOSTS: 'example.herokuapp.com',
    CSRF_TRUSTED_ORIGINS: 'https://example.herokuapp.com',
  };
  try {
    const hasDjango = await runner.run('python', ['-c', 'import django'], { cwd: backend });
    if (hasDjango.exitCode !== 0) return skipped(`${runner.programs.python} cannot import Django`);
    const check = await runner.run('python', ['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'], {
      cwd: backend,
      env,
      secrets: [env.DJANGO_SECRET_KEY],
    });
    if (check.exitCode === 0) return 'Django `check --deploy` passed with the production settings.';
    const missingModule = /ModuleNotFoundError: No module named '([^']+)'/.exec(check.stderr);
    if (missingModule) return skipped(`the local Python lacks the module ${missingModule[1]}`);
    throw new DjangoCheckFailedError(`${check.stdout}\n${check.stderr}`);
  } catch (error) {
    if (error instanceof ProgramNotFoundError) return skipped(`${runner.programs.python} is not installed`);
    throw error;
  }
}
