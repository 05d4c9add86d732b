import { createFsFromVolume, Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import { detectLayout, LayoutError, type DetectFs, type LayoutChoices } from '../../lib/detect/index.js';
import { FIXTURES, djangoProject, packageJson, settingsPy, type RepoFiles } from '../fixtures/retrofit/layouts.js';

function memRepo(files: RepoFiles): DetectFs {
  return createFsFromVolume(Volume.fromJSON(files, '/repo')) as unknown as DetectFs;
}

function detect(files: RepoFiles, choices: LayoutChoices = {}) {
  return detectLayout(memRepo(files), '/repo', choices);
}

function refusal(files: RepoFiles, choices: LayoutChoices = {}): LayoutError {
  try {
    detect(files, choices);
  } catch (error) {
    if (error instanceof LayoutError) return error;
    throw error;
  }
  throw new Error('detection did not refuse');
}

describe('detectLayout on the retrofit fixtures', () => {
  for (const fixture of FIXTURES) {
    it(fixture.name, () => {
      const layout = detect(fixture.files, { clientDir: fixture.options?.client });
      const { expected } = fixture;
      expect({
        backendDir: layout.backend.dir,
        settingsModule: layout.backend.settingsModule,
        herokuSettings: layout.backend.herokuSettings.module,
        wsgiPackage: layout.backend.wsgiPackage,
        urlconf: layout.backend.urlconf,
        pythonDeps: layout.pythonDeps.kind,
        depsFile: layout.pythonDeps.file,
        client: layout.client && {
          dir: layout.client.dir,
          tool: layout.client.tool,
          dist: layout.client.dist,
          packageManager: layout.client.packageManager,
        },
      }).toEqual(expected);
    });
  }

  it('reads what is already deployed and the Python version', () => {
    const fixture = FIXTURES.find((f) => f.name.startsWith('apps/'))!;
    const layout = detect(fixture.files);
    expect(layout.existing).toMatchObject({ procfile: true, buildpacks: false, runtimeTxt: 'runtime.txt', pythonVersionFile: 'apps/api/.python-version', docker: ['Dockerfile'] });
    expect(layout.python).toEqual({ version: '3.12', source: 'apps/api/.python-version' });
    expect(layout.pythonDeps.declared).toEqual(expect.arrayContaining(['requests', 'django', 'whitenoise']));
    expect(layout.backend.djangoVersion).toBe('3.2');
    expect(layout.warnings.join('\n')).toMatch(/runtime\.txt is deprecated/);
    expect(layout.warnings.join('\n')).toMatch(/legacy/);
    expect(layout.warnings.join('\n')).toMatch(/lock file is package-lock.json, but the Node.js buildpack runs inside apps\/web\//);
  });

  it('lets every flag win over detection', () => {
    const fixture = FIXTURES[0];
    const layout = detect(fixture.files, { backendDir: 'server', settings: 'mysite.settings', urlconf: 'mysite.urls', clientDir: 'client', clientDist: 'out', python: '3.11' });
    expect(layout.client?.dist).toBe('client/out');
    expect(layout.python).toEqual({ version: '3.11', source: '--python' });
    expect(layout.backend.settingsSource).toBe('flag');
  });

  it('never lists node_modules, virtualenvs, build output or git-ignored folders', () => {
    const fixture = FIXTURES.find((f) => f.name.startsWith('apps/'))!;
    const listed: string[] = [];
    const fs = memRepo(fixture.files);
    const spy: DetectFs = {
      readFileSync: (p, e) => fs.readFileSync(p, e),
      readdirSync: (p, o) => {
        listed.push(p);
        return fs.readdirSync(p, o);
      },
    };
    detectLayout(spy, '/repo');
    expect(listed.filter((p) => /node_modules|\.venv|myenv\/lib|legacy/.test(p))).toEqual([]);
  });
});

describe('detectLayout refusals name what is missing and the flag', () => {
  const backend = { ...djangoProject('backend', 'app', 'app.settings'), 'backend/app/settings.py': settingsPy('app.urls'), 'backend/requirements.txt': 'Django\n' };
  const client = { 'client/package.json': packageJson({ build: 'vite build' }, { vite: '5' }) };

  it('no manage.py', () => {
    const error = refusal(client);
    expect(error.message).toMatch(/No Django project found/);
    expect(error.flag).toBe('backend');
  });

  it('two Django projects', () => {
    const error = refusal({ ...backend, ...client, ...djangoProject('other', 'x', 'x.settings'), 'other/x/settings.py': '' });
    expect(error.message).toBe('Found 2 Django projects (manage.py): backend, other. Pass --backend to choose one.');
    expect(detect({ ...backend, ...client, ...djangoProject('other', 'x', 'x.settings'), 'other/x/settings.py': '' }, { backendDir: 'backend' }).backend.dir).toBe('backend');
  });

  it('no client', () => {
    expect(refusal(backend).message).toMatch(/No JavaScript client found.*--client none/);
    expect(detect(backend, { clientDir: 'none' }).client).toBeNull();
  });

  it('a Nuxt client in server mode', () => {
    const error = refusal({ ...backend, 'site/package.json': packageJson({ build: 'nuxt build' }, { nuxt: '^3' }) });
    expect(error.message).toMatch(/builds a Node server/);
  });

  it('an unknown build tool', () => {
    const files = { ...backend, 'ui/package.json': packageJson({ build: 'make assets' }, {}) };
    expect(refusal(files, { clientDir: 'ui' }).flag).toBe('postbuild');
    expect(refusal(files, { clientDir: 'ui', postbuild: 'make assets' }).flag).toBe('client-dist');
    expect(detect(files, { clientDir: 'ui', postbuild: 'make assets', clientDist: 'out' }).client).toMatchObject({ tool: 'other', dist: 'ui/out' });
  });

  it('settings that cannot be found', () => {
    const files = { ...djangoProject('backend', 'app', null, { wsgiSettings: null }), 'backend/requirements.txt': 'Django\n', ...client };
    expect(refusal(files).message).toMatch(/set no DJANGO_SETTINGS_MODULE default.*--settings/);
    expect(refusal({ ...backend, 'backend/manage.py': (backend as Record<string, string>)['backend/manage.py'].replace('app.settings', 'app.missing'), ...client }).message).toMatch(/app\.missing.*no file/);
  });

  it('a django/ package beside the project never shadows it', () => {
    const files = {
      ...djangoProject('backend', 'config', null, { wsgiSettings: null }),
      'backend/config/settings.py': settingsPy('config.urls'),
      'backend/django/__init__.py': '',
      'backend/django/settings.py': '',
      'backend/requirements.txt': 'Django\n',
      ...client,
    };
    expect(detect(files).backend).toMatchObject({ settingsModule: 'config.settings', settingsSource: 'search', wsgiPackage: 'config' });
  });

  it('settings beside manage.py', () => {
    const files = { ...client, 'backend/manage.py': djangoProject('backend', 'x', 'settings')['backend/manage.py'], 'backend/settings.py': '', 'backend/requirements.txt': '' };
    expect(refusal(files).message).toMatch(/beside manage.py/);
  });

  it('a Pipfile the buildpack cannot see, and no dependency file at all', () => {
    const { 'backend/requirements.txt': _, ...withoutDeps } = backend;
    expect(refusal({ ...withoutDeps, ...client, Pipfile: '[packages]\n' }).message).toMatch(/Pipfile at the repo root/);
    expect(refusal({ ...withoutDeps, ...client }).message).toMatch(/No Python dependency file/);
  });

  it('a monorepo with two clients asks', () => {
    const error = refusal({ ...backend, ...client, 'admin-ui/package.json': packageJson({ build: 'vite build' }, { vite: '5' }) });
    expect(error.flag).toBe('client');
    expect(error.message).toMatch(/admin-ui, client/);
  });
});

describe('the Django line a dependency file allows', async () => {
  const { djangoCap } = await import('../../lib/detect/python-deps.js');
  it.each([
    ['==3.2.25', '3.2'],
    [' = "==3.2.25"', '3.2'],
    [' = "~3.2"', '3.2'],
    [' = "^4.2"', '4.2'],
    ['~=5.1.0', '5.1'],
    ['>=3.2,<4', '3.99'],
    ['>=4.0,<4.2', '4.1'],
    ['<=4.1', '4.1'],
    ['>=3.2', null],
    ['', null],
    [' = "*"', null],
    [' = { version = "==4.2.7", extras = ["argon2"] }', '4.2'],
  ])('django%s -> %s', (spec, cap) => {
    expect(djangoCap(spec)).toBe(cap);
  });
});
