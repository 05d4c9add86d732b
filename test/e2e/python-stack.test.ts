/**
 * The test support every end-to-end proof builds on: the project is committed and exported with
 * `git archive HEAD` (what Heroku receives), and its backend's dependencies are installed from PyPI
 * into a fresh venv by the buildpack's own command for its format (pip, uv, pipenv).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PYTHON_PACKAGES } from '../../lib/versions.js';
import { buildFromCommit, committedFiles, ignoredFiles } from '../support/committed-tree.js';
import { cleanEnvironment, generateProject, readAnswers } from '../support/generated-project.js';
import { fileExists, missingPrerequisites } from '../support/prerequisites.js';
import { runChecked } from '../support/processes.js';
import {
  dependencyFormat,
  installedVersions,
  installLikeHeroku,
  PYTHON_CACHE,
  PYTHON_TOOLS_BIN,
  PYTHON_TOOLS_PREREQUISITES,
  pythonVersion,
  type PythonEnvironment,
} from '../support/python-env.js';

const missing = missingPrerequisites({
  ...PYTHON_TOOLS_PREREQUISITES,
  git: fileExists('/usr/bin/git'),
  'built bin (npm run build)': fileExists(
    new URL('../../dist/bin/create-django-monorepo.js', import.meta.url).pathname,
  ),
});

const DJANGO = PYTHON_PACKAGES.django.version;

describe.skipIf(missing.length > 0)('a project built from its commit on the pinned PyPI stack', () => {
  let root = '';
  let env: NodeJS.ProcessEnv = {};

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'e2e-python-stack-'));
    mkdirSync(join(root, 'bin'));
    env = cleanEnvironment(join(root, 'bin'), join(root, 'npm-cache'));
  });
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  describe('a generated project (pip)', () => {
    let project = '';
    let build = '';
    let python: PythonEnvironment;

    it('builds from exactly what the commit holds', async () => {
      project = await generateProject({ label: 'pip', name: 'stack-pip', framework: 'none' }, root, env);
      // What a developer's folder also holds and the commit must not: ignored by the generated .gitignore.
      writeFileSync(join(project, '.env'), 'DJANGO_SECRET_KEY=only-on-this-laptop\n');
      mkdirSync(join(project, 'backend', 'staticfiles'));
      writeFileSync(join(project, 'backend', 'staticfiles', 'stale.css'), 'body{}\n');

      const tree = await buildFromCommit(project, join(root, 'stack-pip-build'), env);
      build = tree.dir;
      expect(tree.commit).toMatch(/^[0-9a-f]{40}$/);
      const files = await committedFiles(project, env);
      expect(files).toEqual(
        expect.arrayContaining(['Procfile', 'backend/requirements.txt', 'backend/.python-version']),
      );
      expect(await ignoredFiles(project, env)).toEqual(
        expect.arrayContaining(['.env', 'backend/staticfiles/stale.css']),
      );
      expect(existsSync(join(build, '.env'))).toBe(false);
      expect(existsSync(join(build, 'backend', 'staticfiles'))).toBe(false);
      expect(existsSync(join(build, '.git'))).toBe(false);
      expect(readFileSync(join(build, 'Procfile'), 'utf8')).toBe(readFileSync(join(project, 'Procfile'), 'utf8'));
    });

    it('installs requirements.txt as generated with pip, from PyPI, into a fresh venv', async () => {
      const backend = join(build, readAnswers(build).backendDir);
      expect(dependencyFormat(backend)).toBe('pip');
      python = await installLikeHeroku(backend, join(root, 'venvs', 'stack-pip'), env);
      expect(python.install.output).toMatch(/Successfully installed/);
      expect(await installedVersions(python)).toMatchObject({
        Django: DJANGO,
        gunicorn: PYTHON_PACKAGES.gunicorn.version,
        whitenoise: PYTHON_PACKAGES.whitenoise.version,
        'dj-database-url': PYTHON_PACKAGES.databaseUrl.version,
        psycopg: PYTHON_PACKAGES.postgresDriver.version,
      });
      expect(await pythonVersion(python)).toMatch(/^3\.\d+\.\d+$/);
    }, 600_000);

    it("puts the venv's python and gunicorn first on PATH, so the Procfile runs as written", async () => {
      const backend = join(build, 'backend');
      const where = await runChecked(
        'python',
        ['-c', 'import django, sys; print(sys.prefix); print(django.__file__)'],
        {
          cwd: backend,
          env: python.env,
          timeoutMs: 30_000,
        },
      );
      expect(where.output).toContain(python.venv);
      const check = await runChecked('python', ['manage.py', 'check'], {
        cwd: backend,
        env: python.env,
        timeoutMs: 60_000,
      });
      expect(check.output).toContain('System check identified no issues');
      const gunicorn = await runChecked('gunicorn', ['--version'], {
        cwd: backend,
        env: python.env,
        timeoutMs: 30_000,
      });
      expect(gunicorn.output).toContain(PYTHON_PACKAGES.gunicorn.version);
    }, 120_000);
  });

  // Hand-made lock files until the generator writes them (issue 11, item 5): they prove the installer
  // runs each tool's locked install, and that each refuses a lock that no longer matches.
  describe.each([
    {
      format: 'uv' as const,
      write: (dir: string) =>
        writeFileSync(
          join(dir, 'pyproject.toml'),
          `[project]\nname = "locked"\nversion = "0"\nrequires-python = ">=3.11"\ndependencies = ["Django==${DJANGO}"]\n`,
        ),
      lock: ['uv', ['lock']] as const,
      refusal: /The lockfile at `uv.lock` needs to be updated, but `--locked` was provided/,
      drift: (dir: string) =>
        writeFileSync(
          join(dir, 'pyproject.toml'),
          readFileSync(join(dir, 'pyproject.toml'), 'utf8').replace(/^(dependencies = \[.*)\]$/m, '$1, "sqlparse"]'),
        ),
    },
    {
      format: 'pipenv' as const,
      write: (dir: string) =>
        writeFileSync(
          join(dir, 'Pipfile'),
          `[packages]\ndjango = "==${DJANGO}"\n\n[requires]\npython_version = "3.11"\n`,
        ),
      lock: ['pipenv', ['lock']] as const,
      refusal: /Aborting deploy/,
      drift: (dir: string) =>
        writeFileSync(
          join(dir, 'Pipfile'),
          readFileSync(join(dir, 'Pipfile'), 'utf8').replace('[requires]', 'sqlparse = "*"\n\n[requires]'),
        ),
    },
  ])('$format', ({ format, write, lock, refusal, drift }) => {
    const toolEnv = () => ({
      ...env,
      UV_CACHE_DIR: join(PYTHON_CACHE, 'uv'),
      PIPENV_CACHE_DIR: join(PYTHON_CACHE, 'pipenv'),
      // pipenv lock resolves in a virtualenv of its own: keep it out of HOME.
      WORKON_HOME: join(root, 'pipenv-venvs'),
      PIPENV_VERBOSITY: '-1',
      PIPENV_NOSPIN: '1',
    });

    it(`installs the lock with the buildpack's command`, async () => {
      const dir = join(root, `locked-${format}`);
      mkdirSync(dir);
      write(dir);
      await runChecked(join(PYTHON_TOOLS_BIN, lock[0]), [...lock[1]], { cwd: dir, env: toolEnv(), timeoutMs: 300_000 });
      await commitAndInstall(dir, format, async (python) => {
        expect((await installedVersions(python, ['Django'])).Django).toBe(DJANGO);
      });
    }, 600_000);

    it('refuses a lock that no longer matches its project file', async () => {
      const dir = join(root, `locked-${format}`);
      drift(dir);
      await expect(commitAndInstall(dir, format)).rejects.toThrow(refusal);
    }, 600_000);
  });

  async function commitAndInstall(dir: string, format: string, then?: (python: PythonEnvironment) => Promise<void>) {
    const build = join(root, `${dir.split('/').at(-1)}-build-${Date.now()}`);
    await buildFromCommit(dir, build, env);
    expect(dependencyFormat(build)).toBe(format);
    const python = await installLikeHeroku(build, join(root, 'venvs', build.split('/').at(-1)!), env);
    await then?.(python);
  }

  it('refuses a folder with two dependency formats, as the buildpack does', async () => {
    const dir = join(root, 'two-formats');
    mkdirSync(dir);
    writeFileSync(join(dir, 'requirements.txt'), `Django==${DJANGO}\n`);
    writeFileSync(join(dir, 'Pipfile'), '[packages]\n');
    expect(() => dependencyFormat(dir)).toThrow(
      /exactly one of requirements.txt, Pipfile, uv.lock, poetry.lock \(found: requirements.txt, Pipfile\)/,
    );
  });
});
