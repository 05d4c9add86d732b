import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import helpers, { result } from 'yeoman-test';
import { describe, expect, it, onTestFinished } from 'vitest';
import AppGenerator from '../../generators/app/index.js';
import BackendGenerator from '../../generators/backend/index.js';
import ClientGenerator from '../../generators/client/index.js';
import DeployGenerator from '../../generators/deploy/index.js';
import { FRAMEWORKS, PYTHON_DEPENDENCY_FORMATS } from '../../lib/options.js';
import { BUILDPACKS, PYTHON_PACKAGES } from '../../lib/versions.js';
import { FIXTURES } from '../fixtures/retrofit/layouts.js';
import { diskState } from '../support/disk.js';
import { generatorSource } from '../support/generators.js';

const run = (options: Record<string, unknown> = {}) =>
  helpers
    .run(AppGenerator, generatorSource('app'))
    .withArguments(['my-app'])
    .withOptions({ yes: true, skipInstall: true, skipGit: true, ...options } as never);

const files = () =>
  Object.keys(result.getSnapshot())
    .map((file) => file.replace(/^my-app\//, ''))
    .sort();

describe.each(FRAMEWORKS.flatMap((framework) => PYTHON_DEPENDENCY_FORMATS.map((deps) => [framework, deps] as const)))(
  'framework %s with %s',
  (framework, pythonDeps) => {
    it('writes the project files', async () => {
      await run({ framework, pythonDeps });
      expect(files()).toMatchSnapshot();
      const dependencyFiles = { pip: 'requirements.txt', uv: 'pyproject.toml', pipenv: 'Pipfile' };
      result.assertFile(`my-app/backend/${dependencyFiles[pythonDeps]}`);
      for (const other of Object.values(dependencyFiles).filter((file) => file !== dependencyFiles[pythonDeps])) {
        result.assertNoFile(`my-app/backend/${other}`);
      }
      if (framework === 'none') result.assertNoFile('my-app/client/package.json');
      else result.assertFile(['my-app/client/package.json', 'my-app/client/vite.config.ts', 'my-app/client/index.html']);
    });
  },
);

describe('what the defaults write', () => {
  it('a Procfile that migrates on release and runs gunicorn from the backend folder', async () => {
    await run();
    result.assertEqualsFileContent(
      'my-app/Procfile',
      'release: python backend/manage.py migrate --noinput\n' +
        'web: gunicorn --pythonpath backend app.wsgi --config backend/gunicorn.conf.py\n',
    );
  });

  it('a .buildpacks with exactly the client line, then the backend line', async () => {
    await run();
    const buildpacks = readFileSync(path.join(result.cwd, 'my-app/.buildpacks'), 'utf8');
    expect(buildpacks).toBe(`client=${BUILDPACKS.nodejs}\nbackend=${BUILDPACKS.python}\n`);
    expect(buildpacks).not.toMatch(/\r|#| =|= /);
  });

  it('pinned backend requirements on the current Django LTS, and .python-version', async () => {
    await run();
    const requirements = result.getSnapshot()['my-app/backend/requirements.txt'].contents as string;
    for (const pkg of Object.values(PYTHON_PACKAGES)) expect(requirements).toContain(`${pkg.name}==${pkg.version}\n`);
    expect(requirements).toMatch(/^Django==5\.2\.\d+$/m);
    result.assertEqualsFileContent('my-app/backend/.python-version', '3.14\n');
    result.assertFileContent('my-app/requirements.txt', /^-r backend\/requirements\.txt\n$/m);
  });

  it('an app.json with the subdir buildpack, a generated secret and the Postgres add-on', async () => {
    await run();
    const manifest = JSON.parse(result.getSnapshot()['my-app/app.json'].contents as string);
    expect(manifest.buildpacks).toEqual([{ url: BUILDPACKS.subdir }]);
    expect(manifest.env.DJANGO_SECRET_KEY).toEqual(expect.objectContaining({ generator: 'secret' }));
    expect(manifest.env.DJANGO_SETTINGS_MODULE.value).toBe('app.settings.heroku');
    expect(manifest.addons).toEqual([{ plan: 'heroku-postgresql:essential-0', as: 'DATABASE' }]);
    expect(manifest.stack).toBe('heroku-24');
  });

  it('no secret anywhere: .env.example leaves the key empty', async () => {
    await run();
    result.assertFileContent('my-app/.env.example', /^DJANGO_SECRET_KEY=$/m);
    for (const [file, { contents }] of Object.entries(result.getSnapshot())) {
      expect(String(contents), file).not.toMatch(/SECRET_KEY\s*=\s*["'][^"']{40,}["']/);
    }
  });

  it('answers stored in .yo-rc.json', async () => {
    await run({ module: 'config', backend: 'server' });
    const stored = JSON.parse(result.getSnapshot()['my-app/.yo-rc.json'].contents as string)['generator-django-monorepo'];
    expect(stored).toMatchObject({ projectName: 'my-app', module: 'config', backendDir: 'server', herokuApp: 'my-app' });
  });
});

describe('non-default names flow into every deployment file', () => {
  it('module config, backend server, client web', async () => {
    await run({ module: 'config', backend: 'server', client: 'web', 'heroku-app': 'shop-prod' });
    result.assertFileContent('my-app/Procfile', 'python server/manage.py migrate --noinput');
    result.assertFileContent('my-app/Procfile', 'gunicorn --pythonpath server config.wsgi');
    result.assertFileContent('my-app/.buildpacks', /^web=.*\nserver=.*\n$/);
    result.assertFileContent('my-app/server/config/settings/base.py', 'PROJECT_ROOT / "web/dist"');
    result.assertFileContent('my-app/server/manage.py', '"config.settings.development"');
    result.assertFileContent('my-app/server/config/wsgi.py', '"config.settings.heroku"');
    result.assertFileContent('my-app/app.json', '"value": "config.settings.heroku"');
    result.assertFile(['my-app/web/package.json', 'my-app/server/config/urls.py']);
  });
});

describe('a second run on its own output', () => {
  it('writes nothing', async () => {
    await run();
    // yeoman-test removes a run's folder when the next run starts: keep a copy.
    const project = path.join(mkdtempSync(path.join(tmpdir(), 'second-run-')), 'my-app');
    cpSync(path.join(result.cwd, 'my-app'), project, { recursive: true, preserveTimestamps: true });
    onTestFinished(() => rmSync(path.dirname(project), { recursive: true, force: true }));
    const before = diskState(project);
    await helpers
      .run(AppGenerator, generatorSource('app'))
      .withOptions({ yes: true, skipInstall: true, skipGit: true, force: false, bail: true } as never)
      .cd(project);
    expect(diskState(project)).toEqual(before);
    // :deploy on the same output renders the deployment layer from the stored answers: no change either.
    await helpers
      .run(DeployGenerator, generatorSource('deploy'))
      .withOptions({ yes: true, force: false, bail: true } as never)
      .cd(project);
    expect(diskState(project)).toEqual(before);
  });
});


describe('in a repo that already holds a Django project', () => {
  it.each([['backend', BackendGenerator], ['client', ClientGenerator]] as const)(':%s refuses a retrofitted repo before writing anything', async (part, Part) => {
    const run = helpers
      .run(Part, generatorSource(part))
      .withYoRcConfig('generator-django-monorepo', { backendDir: 'server', module: 'mysite', herokuSettingsModule: 'mysite.heroku_settings' })
      .withOptions({ yes: true } as never);
    await expect(run).rejects.toThrow(`This repo was retrofitted with yo django-monorepo:deploy; :${part} only writes`);
  });

  it('a retrofitted repo (answers stored by :deploy) gets the retrofit again, which changes nothing', async () => {
    const fixture = FIXTURES[0];
    await helpers.run(DeployGenerator, generatorSource('deploy')).withFiles(fixture.files).commitFiles().withOptions({ yes: true } as never);
    const repo = path.join(mkdtempSync(path.join(tmpdir(), 'retrofitted-')), 'repo');
    cpSync(result.cwd, repo, { recursive: true, preserveTimestamps: true });
    onTestFinished(() => rmSync(path.dirname(repo), { recursive: true, force: true }));
    const before = diskState(repo);
    await helpers
      .run(AppGenerator, generatorSource('app'))
      .withGenerators([[DeployGenerator, generatorSource('deploy')]])
      .withOptions({ yes: true, skipInstall: true, skipGit: true, force: false, bail: true } as never)
      .cd(repo);
    expect(diskState(repo)).toEqual(before);
  });

  it('says so and runs the retrofit (:deploy) instead of writing a new project', async () => {
    const fixture = FIXTURES[0];
    await helpers
      .run(AppGenerator, generatorSource('app'))
      .withGenerators([[DeployGenerator, generatorSource('deploy')]])
      .withFiles(fixture.files)
      .commitFiles()
      .withOptions({ yes: true, skipInstall: true, skipGit: true } as never);
    expect(readFileSync(path.join(result.cwd, 'Procfile'), 'utf8')).toContain('gunicorn --pythonpath server mysite.wsgi');
    result.assertFile('server/mysite/heroku_settings.py');
    result.assertNoFile(['backend/manage.py', 'client/vite.config.ts']);
    for (const [file, contents] of Object.entries(fixture.files)) {
      if (!/requirements\.txt$|package\.json$/.test(file)) expect(readFileSync(path.join(result.cwd, file), 'utf8'), file).toBe(contents);
    }
  });
});
