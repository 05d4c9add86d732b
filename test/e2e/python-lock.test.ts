/**
 * The install step makes the lock Heroku's Python buildpack installs from: `uv lock` / `pipenv lock`
 * with the real tools (from PyPI, in .tools/python), run by the shipped bin without a terminal. Without
 * the tool, or with --skip-install, the run ends with the exact command. Generated with --python 3.11,
 * the only Python here (pipenv and uv lock for the version the project names).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBuild, type BuildTree } from '../../lib/heroku-build/index.js';
import { PYTHON_PACKAGES } from '../../lib/versions.js';
import { BIN } from '../support/generators.js';
import { fileExists, missingPrerequisites } from '../support/prerequisites.js';
import { PYTHON_CACHE, PYTHON_TOOLS_BIN, PYTHON_TOOLS_PREREQUISITES } from '../support/python-env.js';

const missing = missingPrerequisites({ ...PYTHON_TOOLS_PREREQUISITES, 'built bin (npm run build)': fileExists(BIN) });

/** The project folder as a tree, for Heroku's rules (what `git add -A` would commit). */
function treeOf(dir: string, files: string[]): BuildTree {
  return { files, read: (path) => (existsSync(join(dir, path)) ? readFileSync(join(dir, path), 'utf8') : undefined) };
}

describe.skipIf(missing.length > 0)('the lock of a new uv or Pipenv project', () => {
  let root = '';
  let env: NodeJS.ProcessEnv = {};

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'e2e-python-lock-'));
    const machine = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|VITEST|VIRTUAL_ENV|PIPENV_|UV_)/i.test(key)));
    env = {
      // The machine's environment (its CA certificates included), with the tools first on PATH.
      ...machine,
      PATH: `${PYTHON_TOOLS_BIN}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      UV_CACHE_DIR: join(PYTHON_CACHE, 'uv'),
      // Only the machine's Python: never fetch one.
      UV_PYTHON_DOWNLOADS: 'never',
      PIPENV_CACHE_DIR: join(PYTHON_CACHE, 'pipenv'),
      PIP_CACHE_DIR: join(PYTHON_CACHE, 'pip'),
      // pipenv's own virtualenv for the project goes in this test's folder, removed with it.
      WORKON_HOME: join(root, 'virtualenvs'),
      PIPENV_DONT_USE_PYENV: '1',
    };
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const create = (name: string, args: string[], runEnv = env) => {
    const run = spawnSync(process.execPath, [BIN, name, '--framework', 'none', '--skip-git', ...args], {
      cwd: root,
      env: runEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      timeout: 300_000,
    });
    return { ...run, dir: join(root, name), lastLine: run.stdout.trim().split('\n').at(-1) ?? '' };
  };
  const projectFiles = (dir: string, extra: string[]) => [
    ...['Procfile', '.buildpacks', 'requirements.txt', 'backend/manage.py', 'backend/.python-version'],
    ...extra.filter((file) => existsSync(join(dir, file))),
  ];

  it.each([
    ['the fast path', ['--yes']],
    ['the Yeoman path', ['--yes', '--force']],
  ])(
    'uv: %s runs `uv lock` in backend/, and the lock matches pyproject.toml',
    (_path, flags) => {
      const name = `uv-${flags.length}`;
      const run = create(name, [...flags, '--python-deps', 'uv', '--python', '3.11']);
      expect(run.stderr + run.stdout).not.toContain('was not made');
      expect(run.status, run.stderr).toBe(0);
      const lock = readFileSync(join(run.dir, 'backend', 'uv.lock'), 'utf8');
      expect(lock).toContain('requires-python = ">=3.11"');
      expect(lock).toMatch(new RegExp(`name = "django"\\nversion = "${PYTHON_PACKAGES.django.version.replace(/\./g, '\\.')}"`));
      const check = spawnSync(join(PYTHON_TOOLS_BIN, 'uv'), ['lock', '--check'], { cwd: join(run.dir, 'backend'), env, encoding: 'utf8' });
      expect(check.status, check.stderr).toBe(0);
      const files = projectFiles(run.dir, ['backend/pyproject.toml', 'backend/uv.lock']);
      expect(checkBuild(treeOf(run.dir, files), 'subdir')).toEqual([]);
    },
    300_000,
  );

  it('pipenv: runs `pipenv lock` in backend/, locking the pinned versions for the Python named', () => {
    const run = create('pipenv-project', ['--yes', '--python-deps', 'pipenv', '--python', '3.11']);
    expect(run.status, run.stderr).toBe(0);
    const lock = JSON.parse(readFileSync(join(run.dir, 'backend', 'Pipfile.lock'), 'utf8')) as {
      _meta: { requires: { python_version: string } };
      default: Record<string, { version: string }>;
    };
    expect(lock._meta.requires.python_version).toBe('3.11');
    expect(lock.default.django.version).toBe(`==${PYTHON_PACKAGES.django.version}`);
    expect(lock.default.whitenoise.version).toBe(`==${PYTHON_PACKAGES.whitenoise.version}`);
    const files = projectFiles(run.dir, ['backend/Pipfile', 'backend/Pipfile.lock']);
    expect(checkBuild(treeOf(run.dir, files), 'subdir')).toEqual([]);
  }, 300_000);

  it.each([
    ['--skip-install', ['--skip-install'], env, '(--skip-install)'],
    ['the tool missing from PATH', [], { ...env, PATH: '/usr/bin:/bin' }, 'uv is not on PATH'],
  ])(
    'with %s, writes no lock and ends with the exact command',
    (label, extra, runEnv, reason) => {
      const run = create(`no-lock-${label.length}`, ['--yes', '--python-deps', 'uv', ...extra], runEnv);
      expect(run.status, run.stderr).toBe(0);
      expect(existsSync(join(run.dir, 'backend', 'uv.lock'))).toBe(false);
      expect(run.lastLine).toContain(reason);
      expect(run.lastLine).toContain('run `cd backend && uv lock`, then commit backend/uv.lock.');
      // Heroku's rules agree: without the lock, this tree is refused.
      const [finding] = checkBuild(treeOf(run.dir, projectFiles(run.dir, ['backend/pyproject.toml'])), 'subdir');
      expect(finding).toMatchObject({ rule: 'python-one-package-manager', severity: 'error' });
    },
    120_000,
  );
});
