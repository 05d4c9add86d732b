import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCommittedBuild } from '../../lib/provision/committed-build.js';
import { CommandRunner } from '../../lib/provision/runner.js';
import { runHerokuGenerator } from '../support/heroku-generator.js';
import { herokuCliPath, startHerokuSandbox, type HerokuSandbox } from '../support/heroku-sandbox.js';
import { fileExists, missingPrerequisites } from '../support/prerequisites.js';

// :heroku's preflight reads the commit about to be pushed (git ls-tree + git show, and git's own ignore
// rules) and stops before any heroku call when Heroku's build would refuse it, saying what to change.
const missing = missingPrerequisites({
  git: fileExists('/usr/bin/git'),
  [`heroku CLI at ${herokuCliPath()}`]: fileExists(herokuCliPath()),
});

const PIPFILE =
  '[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n[packages]\ndjango = "==5.2.19"\n\n[requires]\npython_version = "3.14"\n';

/** What each case changes in the sandbox's buildable project before it is committed. */
const CASES: { label: string; app: string; files: Record<string, string | null>; untrack?: string; message: RegExp; fix: RegExp }[] = [
  {
    label: 'an ignored .python-version',
    app: 'ignored-version',
    // Committed once, then ignored and untracked: the next commit leaves it out.
    files: { '.gitignore': '.python-version\n' },
    untrack: 'backend/.python-version',
    message: /backend\/\.python-version is on disk but git ignores it by `\.python-version` \(\.gitignore line 1\)/,
    fix: /add `!backend\/\.python-version` after it\), then `git add backend\/\.python-version`/,
  },
  {
    label: 'a Pipfile without Pipfile.lock',
    app: 'pipfile-no-lock',
    files: { 'backend/requirements.txt': null, 'backend/Pipfile': PIPFILE },
    message: /backend\/Pipfile has no Pipfile\.lock next to it/,
    fix: /Run `pipenv lock` in backend\//,
  },
  {
    label: 'a uv project without uv.lock',
    app: 'uv-no-lock',
    files: { 'backend/requirements.txt': null, 'backend/pyproject.toml': '[project]\nname = "shop"\nversion = "0"\n' },
    message: /backend\/pyproject\.toml has no lock file next to it/,
    fix: /Run `uv lock` in backend\//,
  },
  {
    label: 'two lockfiles',
    app: 'two-lockfiles',
    files: { 'client/yarn.lock': '# yarn lockfile v1\n' },
    message: /client\/ has several lockfiles \(client\/package-lock\.json, client\/yarn\.lock\)/,
    fix: /Keep the lockfile of the package manager you use/,
  },
  {
    label: 'an unsupported Python',
    app: 'python-39',
    files: { 'backend/.python-version': '3.9\n' },
    message: /Python 3\.9 \(backend\/\.python-version\) has reached end-of-life/,
    fix: /Set backend\/\.python-version to a supported version, e\.g\. `3\.14`/,
  },
  {
    label: 'a .buildpacks folder that does not exist',
    app: 'missing-folder',
    files: {
      '.buildpacks':
        'web=https://github.com/heroku/heroku-buildpack-nodejs.git\nbackend=https://github.com/heroku/heroku-buildpack-python.git\n',
    },
    message: /\.buildpacks line 1 builds web\/, which does not exist/,
    fix: /change line 1 of \.buildpacks to the folder that holds the app/,
  },
];

describe.skipIf(missing.length > 0)("the commit's build is checked before :heroku pushes it", () => {
  let sandbox: HerokuSandbox;
  let restoreEnv: () => void;

  beforeAll(async () => {
    sandbox = await startHerokuSandbox();
    restoreEnv = sandbox.useEnv();
  });
  afterAll(async () => {
    restoreEnv?.();
    await sandbox?.close();
  });

  function project(name: string, files: Record<string, string | null>, untrack?: string): string {
    const dir = sandbox.createProject(name);
    for (const [file, text] of Object.entries(files)) {
      if (text === null) rmSync(join(dir, file));
      else {
        mkdirSync(dirname(join(dir, file)), { recursive: true });
        writeFileSync(join(dir, file), text);
      }
    }
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: sandbox.env, stdio: 'pipe' });
    if (untrack) git('rm', '--cached', '--quiet', untrack);
    git('add', '-A');
    git('commit', '--quiet', '--allow-empty', '-m', 'Deployment files');
    return dir;
  }

  it('lets a buildable commit through, with no finding', async () => {
    const runner = new CommandRunner({ heroku: 'heroku', git: 'git', python: 'python3' }, project('buildable', {}), sandbox.env);
    expect(await checkCommittedBuild(runner, 'subdir')).toEqual([]);
  });

  it.each(CASES)('refuses $label before any heroku call, with the fix', async ({ app, files, untrack, message, fix }) => {
    const dir = project(app, files, untrack);
    sandbox.resetInvocations();
    const run = await runHerokuGenerator(dir, { yes: true, skipChecks: true });
    // The generator ends with the error's report (what is wrong, then → what to do), under its name.
    expect(run.error?.name).toBe('BuildWouldFailError');
    const [problem, whatToDo] = run.error!.message.split('\n→ ');
    expect(problem).toMatch(/^Heroku's build would refuse the commit about to be pushed:/);
    expect(problem).toMatch(message);
    expect(whatToDo).toMatch(fix);
    expect(sandbox.invocations()).toEqual([]);
  });

  it('checks the commit, not the folder: a fix on disk that is not committed is still refused', async () => {
    const dir = project('fixed-on-disk', { 'backend/.python-version': '3.9\n' });
    writeFileSync(join(dir, 'backend/.python-version'), '3.14\n');
    const run = await runHerokuGenerator(dir, { yes: true, skipChecks: true });
    expect(run.error?.message).toMatch(/Python 3\.9/);
  });

  it('does not check the build with --skip-deploy (nothing is pushed)', async () => {
    const dir = project('provision-only', { 'backend/.python-version': '3.9\n' });
    sandbox.resetInvocations();
    const run = await runHerokuGenerator(dir, { yes: true, skipChecks: true, skipDeploy: true, dryRun: true });
    expect(run.error).toBeNull();
    expect(run.log).not.toContain("Heroku's build");
  });
});
