import { describe, expect, it } from 'vitest';
import {
  checkBuild,
  checkPlannedBuild,
  engineMajor,
  filesToRead,
  parseBuildpacksFile,
  pythonVersionStatus,
  treeFromFiles,
  type BuildFinding,
  type BuildTree,
} from '../../lib/heroku-build/index.js';

const PYTHON_URL = 'https://github.com/heroku/heroku-buildpack-python.git';
const NODE_URL = 'https://github.com/heroku/heroku-buildpack-nodejs.git';

const clientPackage = {
  name: 'shop-client',
  engines: { node: '24.x' },
  scripts: { build: 'tsc -b && vite build' },
};

/** What a generated pip project commits, reduced to the files the rules look at. */
function project(overrides: Record<string, string | null> = {}): Record<string, string> {
  const files: Record<string, string | null> = {
    '.buildpacks': `client=${NODE_URL}\nbackend=${PYTHON_URL}\n`,
    '.gitignore': '__pycache__/\n.venv/\nvenv/\nnode_modules/\nclient/dist/\n.env\n',
    Procfile: 'web: gunicorn app.wsgi\n',
    'requirements.txt': '-r backend/requirements.txt\n',
    'backend/manage.py': '',
    'backend/requirements.txt': 'Django==5.2.18\n',
    'backend/.python-version': '3.14\n',
    'client/package.json': JSON.stringify(clientPackage),
    'client/package-lock.json': '{}',
    'client/src/main.ts': '',
    ...overrides,
  };
  return Object.fromEntries(Object.entries(files).filter((entry): entry is [string, string] => entry[1] !== null));
}

const committed = (overrides: Record<string, string | null> = {}) => treeFromFiles(project(overrides), true);
const errors = (findings: BuildFinding[]) => findings.filter((f) => f.severity === 'error');
const only = (findings: BuildFinding[], rule: string) => findings.filter((f) => f.rule === rule);

describe("Heroku's build rules", () => {
  it('a generated project passes every rule', () => {
    expect(checkBuild(committed(), 'subdir')).toEqual([]);
  });

  it('every finding names its source', () => {
    const findings = checkBuild(committed({ '.buildpacks': null }), 'subdir');
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(finding.source).toMatch(/heroku-buildpack|git/);
  });

  describe('Python buildpack', () => {
    it('refuses a Pipfile without Pipfile.lock', () => {
      const tree = committed({ 'backend/requirements.txt': null, 'backend/Pipfile': '[packages]\n' });
      const [finding] = errors(checkBuild(tree, 'subdir'));
      expect(finding).toMatchObject({ rule: 'pipfile-needs-lock', path: 'backend/Pipfile.lock' });
      expect(finding.fix).toContain('pipenv lock');
      expect(
        checkBuild(committed({ 'backend/requirements.txt': null, 'backend/Pipfile': '', 'backend/Pipfile.lock': '{}' }), 'subdir'),
      ).toEqual([]);
    });

    it('refuses two package-manager files in one app folder', () => {
      const [finding] = errors(checkBuild(committed({ 'backend/uv.lock': '' }), 'subdir'));
      expect(finding.rule).toBe('python-one-package-manager');
      expect(finding.message).toContain('backend/requirements.txt (pip), backend/uv.lock (uv)');
      expect(finding.fix).toContain('git rm');
    });

    it('refuses a folder with no package-manager file, and says `uv lock` for a lone pyproject.toml', () => {
      const none = errors(checkBuild(committed({ 'backend/requirements.txt': null }), 'subdir'));
      expect(none.map((f) => f.rule)).toEqual(['python-one-package-manager']);
      const pyproject = errors(checkBuild(committed({ 'backend/requirements.txt': null, 'backend/pyproject.toml': '' }), 'subdir'));
      expect(pyproject[0].fix).toContain('uv lock');
    });

    it.each([
      ['3.9', 'error', 'end-of-life'],
      ['3.15', 'error', 'not a version'],
      ['2.7', 'error', 'end-of-life'],
      ['3.10', 'warning', 'deprecated'],
      ['three', 'error', 'not a version the Python buildpack reads'],
      ['3.12\n3.13\n', 'error', '2 versions'],
    ] as const)('.python-version %j → %s', (version, severity, words) => {
      const [finding] = only(checkBuild(committed({ 'backend/.python-version': version }), 'subdir'), 'python-version');
      expect(finding).toMatchObject({ severity, path: 'backend/.python-version' });
      expect(finding.message).toContain(words);
      expect(finding.fix).toContain('3.14');
    });

    it('accepts supported versions, a patch version and comment lines', () => {
      for (const version of ['3.11', '3.12', '3.13', '3.14', '3.14.7', '# pinned\n3.13\n']) {
        expect(checkBuild(committed({ 'backend/.python-version': version }), 'subdir')).toEqual([]);
      }
      expect(pythonVersionStatus('3.14.2')).toBe('supported');
    });

    it('warns when no Python version is named, and prefers .python-version over runtime.txt', () => {
      const [missing] = checkBuild(committed({ 'backend/.python-version': null }), 'subdir');
      expect(missing).toMatchObject({ rule: 'python-version', severity: 'warning', path: 'backend/.python-version' });
      const runtime = checkBuild(committed({ 'backend/.python-version': null, 'backend/runtime.txt': 'python-3.9\n' }), 'subdir');
      expect(runtime.map((f) => [f.rule, f.severity])).toEqual([
        ['python-version', 'error'],
        ['runtime-txt-deprecated', 'warning'],
      ]);
    });

    it('refuses uv without .python-version, and runtime.txt with uv', () => {
      const uv = { 'backend/requirements.txt': null, 'backend/pyproject.toml': '', 'backend/uv.lock': '' };
      const [missing] = errors(checkBuild(committed({ ...uv, 'backend/.python-version': null }), 'subdir'));
      expect(missing).toMatchObject({ rule: 'uv-needs-python-version', path: 'backend/.python-version' });
      expect(missing.fix).toContain('uv python pin 3.14');
      const [runtime] = errors(
        checkBuild(committed({ ...uv, 'backend/.python-version': null, 'backend/runtime.txt': 'python-3.13' }), 'subdir'),
      );
      expect(runtime.rule).toBe('runtime-txt-deprecated');
      expect(checkBuild(committed(uv), 'subdir')).toEqual([]);
    });

    it("refuses a Poetry project whose own package poetry sync cannot find, unless package-mode = false", () => {
      const poetry = (pyproject: string, extra: Record<string, string> = {}) =>
        only(checkBuild(committed({ 'backend/requirements.txt': null, 'backend/poetry.lock': '', 'backend/pyproject.toml': pyproject, ...extra }), 'subdir'), 'poetry-installs-project');
      const init = '[project]\nname = "site-backend"\ndependencies = [\n]\n';
      expect(poetry(init).map((f) => [f.severity, f.path])).toEqual([['error', 'backend/pyproject.toml']]);
      expect(poetry(init)[0].message).toContain('no site_backend package in backend/');
      expect(poetry(init)[0].fix).toContain('package-mode = false');
      expect(poetry(`${init}\n[tool.poetry]\npackage-mode = false\n`)).toEqual([]);
      expect(poetry(init, { 'backend/site_backend/__init__.py': '' })).toEqual([]);
      // Without poetry.lock the buildpack does not run Poetry at all (another rule says so).
      expect(only(checkBuild(committed({ 'backend/requirements.txt': null, 'backend/pyproject.toml': init, 'backend/uv.lock': '' }), 'subdir'), 'poetry-installs-project')).toEqual([]);
    });

    it('refuses a committed virtual environment or .heroku/python in the build folder only', () => {
      const venv = errors(checkBuild(committed({ 'backend/.venv/pyvenv.cfg': '', 'backend/.venv/bin/python': '' }), 'subdir'));
      expect(venv).toMatchObject([{ rule: 'no-committed-venv', path: 'backend/.venv' }]);
      expect(venv[0].fix).toContain('git rm -r --cached backend/.venv');
      expect(errors(checkBuild(committed({ 'backend/venv/pyvenv.cfg': '' }), 'subdir'))[0].path).toBe('backend/venv');
      // The Python buildpack runs inside backend/: a venv at the root is outside its build folder.
      expect(checkBuild(committed({ 'venv/pyvenv.cfg': '' }), 'subdir')).toEqual([]);
      expect(errors(checkBuild(committed({ 'backend/.heroku/python/bin/python': '' }), 'subdir'))[0].rule).toBe(
        'no-committed-heroku-python',
      );
      // In a working tree or a plan, a venv the repo's .gitignore hides will not be committed.
      expect(checkBuild(treeFromFiles(project({ 'backend/.venv/pyvenv.cfg': '' })), 'subdir')).toEqual([]);
      const unignored = treeFromFiles(project({ 'backend/.venv/pyvenv.cfg': '', '.gitignore': 'node_modules/\n' }));
      expect(errors(checkBuild(unignored, 'subdir'))[0].rule).toBe('no-committed-venv');
    });
  });

  describe('Node.js buildpack', () => {
    it('refuses two lockfiles', () => {
      const [finding] = errors(checkBuild(committed({ 'client/yarn.lock': '' }), 'subdir'));
      expect(finding).toMatchObject({ rule: 'node-one-lockfile', path: 'client' });
      expect(finding.fix).toContain('npm: package-lock.json; yarn: yarn.lock');
    });

    it('says when the lockfile and package.json name different package managers', () => {
      const pnpm = JSON.stringify({ ...clientPackage, packageManager: 'pnpm@10.2.0' });
      const [mismatch] = checkBuild(committed({ 'client/package.json': pnpm }), 'subdir');
      expect(mismatch).toMatchObject({ rule: 'node-lockfile-package-manager', severity: 'warning' });
      expect(mismatch.message).toContain('install with npm');
      const both = JSON.stringify({ ...clientPackage, packageManager: 'pnpm@10.2.0', engines: { node: '24.x', yarn: '1.x' } });
      expect(errors(checkBuild(committed({ 'client/package.json': both }), 'subdir'))[0].rule).toBe('node-lockfile-package-manager');
      const [noLock] = checkBuild(committed({ 'client/package-lock.json': null, 'client/package.json': pnpm }), 'subdir');
      expect(noLock).toMatchObject({ severity: 'warning', path: 'client/pnpm-lock.yaml' });
      expect(noLock.fix).toContain('pnpm install');
    });

    it.each([
      ['27.x', 'error'],
      ['20.x', 'warning'],
      ['25', 'warning'],
      ['>=20', 'warning'],
    ] as const)('engines.node %s → %s', (node, severity) => {
      const pkg = JSON.stringify({ ...clientPackage, engines: { node } });
      const [finding] = checkBuild(committed({ 'client/package.json': pkg }), 'subdir');
      expect(finding).toMatchObject({ rule: 'node-engines-version', severity, path: 'client/package.json' });
      expect(finding.fix).toContain('24');
    });

    it('reads the major of the ranges people write', () => {
      expect(['24.x', '24', '^24.1.0', '~24.3', '24.3.0', '=24', 'v24'].map(engineMajor)).toEqual(Array(7).fill(24));
      expect(['>=20', '20 || 22', '*', ''].map(engineMajor)).toEqual([null, null, null, null]);
    });

    it('warns when heroku-postbuild replaces a build it does not run, or nothing builds', () => {
      const replaced = JSON.stringify({ ...clientPackage, scripts: { build: 'vite build', 'heroku-postbuild': 'echo done' } });
      expect(checkBuild(committed({ 'client/package.json': replaced }), 'subdir')).toMatchObject([
        { rule: 'node-build-script', severity: 'warning' },
      ]);
      const runsBuild = JSON.stringify({ ...clientPackage, scripts: { build: 'vite build', 'heroku-postbuild': 'npm run build' } });
      expect(checkBuild(committed({ 'client/package.json': runsBuild }), 'subdir')).toEqual([]);
      const none = JSON.stringify({ ...clientPackage, scripts: {} });
      expect(checkBuild(committed({ 'client/package.json': none }), 'subdir')[0].rule).toBe('node-build-script');
    });

    it('refuses a missing or broken package.json', () => {
      expect(errors(checkBuild(committed({ 'client/package.json': '{' }), 'subdir'))[0]).toMatchObject({
        rule: 'node-package-json',
        path: 'client/package.json',
      });
      const missing = committed({ 'client/package.json': null, 'client/package-lock.json': null });
      expect(errors(checkBuild(missing, 'subdir'))[0].rule).toBe('node-package-json');
    });
  });

  describe('.buildpacks (heroku-buildpack-subdir)', () => {
    it('refuses a folder that is not in the commit', () => {
      const tree = committed({ '.buildpacks': `web=${NODE_URL}\nbackend=${PYTHON_URL}\n` });
      const [finding] = errors(checkBuild(tree, 'subdir'));
      expect(finding).toMatchObject({ rule: 'buildpacks-folder-exists', path: 'web' });
      expect(finding.message).toContain('line 1');
    });

    it.each([
      ['CRLF line endings', `client=${NODE_URL}\r\nbackend=${PYTHON_URL}\r\n`, 'LF line endings'],
      ['a comment', `# client first\nclient=${NODE_URL}\nbackend=${PYTHON_URL}\n`, 'Remove comments'],
      ['spaces around =', `client = ${NODE_URL}\nbackend=${PYTHON_URL}\n`, 'no spaces'],
      ['a shorthand name', `client=heroku/nodejs\nbackend=${PYTHON_URL}\n`, 'https://github.com/heroku/heroku-buildpack-nodejs.git'],
      ['a folder outside the repo', `../client=${NODE_URL}\nbackend=${PYTHON_URL}\n`, 'relative to the repository root'],
    ])('refuses %s', (_what, text, fix) => {
      const found = only(checkBuild(committed({ '.buildpacks': text }), 'subdir'), 'buildpacks-syntax');
      expect(found[0].fix).toContain(fix);
      expect(found[0].severity).toBe('error');
    });

    it('refuses a missing .buildpacks, no Python line, or the client built after the backend', () => {
      expect(errors(checkBuild(committed({ '.buildpacks': null }), 'subdir'))[0].rule).toBe('buildpacks-syntax');
      expect(errors(checkBuild(committed({ '.buildpacks': `client=${NODE_URL}\n` }), 'subdir'))[0].message).toContain(
        'no line for the Python buildpack',
      );
      const late = errors(checkBuild(committed({ '.buildpacks': `backend=${PYTHON_URL}\nclient=${NODE_URL}\n` }), 'subdir'));
      expect(late[0].fix).toContain('Node.js line first');
    });

    it('reads dir=url#ref and bare root URLs as subdir does', () => {
      const { lines, problems } = parseBuildpacksFile(`client=${NODE_URL}#v363\n\n${PYTHON_URL}\n`);
      expect(problems).toEqual([]);
      expect(lines).toMatchObject([
        { dir: 'client', url: NODE_URL, ref: 'v363', buildpack: 'nodejs' },
        { dir: '', url: PYTHON_URL, ref: null, buildpack: 'python' },
      ]);
    });
  });

  describe('files .gitignore keeps out of the commit', () => {
    it('refuses an ignored .python-version in a plan, naming the .gitignore', () => {
      const tree = treeFromFiles(project({ 'backend/.gitignore': '.python-version\n' }));
      const [finding] = errors(checkBuild(tree, 'subdir'));
      expect(finding).toMatchObject({ rule: 'deployment-file-ignored', path: 'backend/.python-version' });
      expect(finding.message).toContain('backend/.gitignore');
      expect(finding.fix).toContain('git add backend/.python-version');
    });

    it('sees a file under an ignored folder, and honours negation', () => {
      const ignoredLock = treeFromFiles(project({ '.gitignore': '*.lock\npackage-lock.json\n' }));
      expect(errors(checkBuild(ignoredLock, 'subdir')).map((f) => f.path)).toEqual(['client/package-lock.json']);
      const folder = errors(checkBuild(treeFromFiles(project({ '.gitignore': 'backend/\n' })), 'subdir'));
      expect(folder[0].message).toContain('its folder backend/');
      expect(checkBuild(treeFromFiles(project({ '.gitignore': '.python-version\n!backend/.python-version\n' })), 'subdir')).toEqual([]);
    });

    it('does not apply to files already committed', () => {
      expect(checkBuild(committed({ '.gitignore': '.python-version\n' }), 'subdir')).toEqual([]);
    });

    it("checks a plan laid over the repo's files", () => {
      const existing = treeFromFiles(project({ '.buildpacks': null, Procfile: null, '.gitignore': 'Procfile\n' }));
      const planned = [
        { path: '.buildpacks', contents: `client=${NODE_URL}\nbackend=${PYTHON_URL}\n` },
        { path: 'Procfile', contents: 'web: x\n' },
      ];
      expect(checkPlannedBuild(existing, planned, 'subdir')).toMatchObject([{ rule: 'deployment-file-ignored', path: 'Procfile' }]);
    });
  });

  describe('official layout', () => {
    it('builds the root with Python and, with a root package.json, Node.js', () => {
      const tree = treeFromFiles(
        { 'requirements.txt': 'Django\n', '.python-version': '3.9', 'package.json': '{}', 'yarn.lock': '', 'package-lock.json': '' },
        true,
      );
      expect(errors(checkBuild(tree, 'official')).map((f) => f.rule)).toEqual(['python-version', 'node-one-lockfile']);
    });
  });

  it('needs only the files filesToRead names', () => {
    const full = committed({
      'backend/.python-version': '3.9',
      'client/yarn.lock': '',
      '.buildpacks': `client=${NODE_URL}\nbackend=${PYTHON_URL}\nnope=${PYTHON_URL}\n`,
    });
    const read = new Set(filesToRead(full.files));
    const partial: BuildTree = { files: full.files, committed: true, read: (path) => (read.has(path) ? full.read(path) : undefined) };
    expect(checkBuild(partial, 'subdir')).toEqual(checkBuild(full, 'subdir'));
    expect(checkBuild(full, 'subdir').length).toBeGreaterThanOrEqual(3);
  });
});
