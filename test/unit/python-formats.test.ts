import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkBuild, treeFromFiles } from '../../lib/heroku-build/index.js';
import { checkGivenOptions, PYTHON_DEPENDENCY_FORMATS } from '../../lib/options.js';
import { findOnPath, lockStillNeeded, pythonLockStep } from '../../lib/python-lock.js';
import { renderNewProject } from '../support/project-files.js';

async function renderedTree(given: Record<string, string>, extra: Record<string, string> = {}) {
  const files = Object.fromEntries((await renderNewProject(given)).map((file) => [file.destination, file.contents]));
  return { files, tree: treeFromFiles({ ...files, ...extra }, true) };
}

const LOCKS = { pip: null, uv: 'backend/uv.lock', pipenv: 'backend/Pipfile.lock' } as const;

describe.each(PYTHON_DEPENDENCY_FORMATS)('a new project with --python-deps %s', (format) => {
  it('has exactly its own package-manager files in backend/, and a root placeholder that names them', async () => {
    const { files } = await renderedTree({ pythonDeps: format, framework: 'none' });
    const backendFiles = ['requirements.txt', 'Pipfile', 'pyproject.toml'].filter((name) => `backend/${name}` in files);
    expect(backendFiles).toEqual([{ pip: 'requirements.txt', uv: 'pyproject.toml', pipenv: 'Pipfile' }[format]]);
    const placeholder = files['requirements.txt'];
    if (format === 'pip') expect(placeholder).toContain('-r backend/requirements.txt');
    // A root requirements.txt must install nothing for the formats pip does not read.
    else expect(placeholder.split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'))).toEqual([]);
    if (format !== 'pip')
      expect(placeholder).toContain(
        format === 'uv' ? 'backend/pyproject.toml (locked in uv.lock)' : 'backend/Pipfile (locked in Pipfile.lock)',
      );
  });

  it("is built by Heroku's rules once its lock exists, and refused without it", async () => {
    const lock = LOCKS[format];
    const { tree: withLock } = await renderedTree(
      { pythonDeps: format },
      lock ? { [lock]: '{}', 'client/package-lock.json': '{}' } : { 'client/package-lock.json': '{}' },
    );
    expect(checkBuild(withLock, 'subdir')).toEqual([]);
    if (!lock) return;
    const { tree: withoutLock } = await renderedTree({ pythonDeps: format }, { 'client/package-lock.json': '{}' });
    const [finding] = checkBuild(withoutLock, 'subdir');
    expect(finding.severity).toBe('error');
    expect(finding.fix).toContain(format === 'uv' ? 'uv lock' : 'pipenv lock');
  });

  it('pins the same versions in its dependency file', async () => {
    const { files } = await renderedTree({ pythonDeps: format, framework: 'none' });
    const file = files[`backend/${{ pip: 'requirements.txt', uv: 'pyproject.toml', pipenv: 'Pipfile' }[format]}`];
    expect(file).toMatch(/Django==5\.2\.\d+|django = "==5\.2\.\d+"/);
    expect(file).toMatch(/whitenoise(\[brotli\]==| = \{ version = "==)6\.12\.0/);
  });
});

describe('the uv project file', () => {
  it('asks for the Python of .python-version and has no build system (the backend is not a package)', async () => {
    const { files } = await renderedTree({ pythonDeps: 'uv', pythonVersion: '3.12', framework: 'none' });
    expect(files['backend/pyproject.toml']).toContain('requires-python = ">=3.12"');
    expect(files['backend/pyproject.toml']).toContain('name = "my-app-backend"');
    expect(files['backend/pyproject.toml']).not.toContain('[build-system]');
    expect(files['backend/.python-version']).toBe('3.12\n');
  });
});

describe('the lock step', () => {
  it('runs `uv lock` / `pipenv lock` in the backend folder, and nothing for pip', () => {
    expect(pythonLockStep({ pythonDeps: 'pip', backendDir: 'backend' })).toBeNull();
    expect(pythonLockStep({ pythonDeps: 'uv', backendDir: 'apps/api' })).toEqual({
      program: 'uv',
      args: ['lock'],
      dir: 'apps/api',
      lockFile: 'apps/api/uv.lock',
      commandLine: 'cd apps/api && uv lock',
    });
    expect(pythonLockStep({ pythonDeps: 'pipenv', backendDir: 'backend' })?.lockFile).toBe('backend/Pipfile.lock');
  });

  it('ends the run with the exact command when it could not make the lock', () => {
    const step = pythonLockStep({ pythonDeps: 'pipenv', backendDir: 'backend' })!;
    expect(lockStillNeeded(step, 'missing')).toBe(
      'backend/Pipfile.lock was not made: pipenv is not on PATH. Heroku will not build the backend without it: run `cd backend && pipenv lock`, then commit backend/Pipfile.lock.',
    );
    expect(lockStillNeeded(step, 'skip-install')).toContain('(--skip-install)');
  });

  const bin = mkdtempSync(path.join(tmpdir(), 'path-'));
  afterAll(() => rmSync(bin, { recursive: true, force: true }));

  it('finds a tool only when it is an executable on PATH', () => {
    writeFileSync(path.join(bin, 'uv'), '#!/bin/sh\n');
    writeFileSync(path.join(bin, 'pipenv'), '');
    chmodSync(path.join(bin, 'uv'), 0o755);
    chmodSync(path.join(bin, 'pipenv'), 0o644);
    expect(findOnPath('uv', { PATH: `/nonexistent${path.delimiter}${bin}` })).toBe(path.join(bin, 'uv'));
    expect(findOnPath('pipenv', { PATH: bin })).toBeNull();
    expect(findOnPath('uv', {})).toBeNull();
  });
});

describe('--python-deps', () => {
  it('offers pip, uv and pipenv', () => {
    expect(PYTHON_DEPENDENCY_FORMATS).toEqual(['pip', 'uv', 'pipenv']);
  });

  it('refuses uv and pipenv with --buildpacks official, saying what to use', () => {
    expect(() => checkGivenOptions({ layout: 'official', pythonDeps: 'uv' })).toThrow(
      /--python-deps "uv" .*use --python-deps pip, or --buildpacks subdir/,
    );
    expect(() => checkGivenOptions({ layout: 'official', pythonDeps: 'pipenv' })).toThrow(/--python-deps "pipenv"/);
  });
});
