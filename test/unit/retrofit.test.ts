import { createFsFromVolume, Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import { detectLayout, type DetectFs } from '../../lib/detect/index.js';
import { planRetrofit } from '../../lib/plan/retrofit.js';
import { addPackages, addPoetryPackageModeOff, missingPackages, neededPackages } from '../../lib/plan/retrofit-deps.js';
import { poetryMissingRootModule } from '../../lib/detect/python-deps.js';
import { addPostbuildScript, postbuildCommand } from '../../lib/plan/retrofit-client.js';
import { FIXTURES, type RepoFiles } from '../fixtures/retrofit/layouts.js';

function planFor(files: RepoFiles, options: Record<string, string> = {}) {
  const fs = createFsFromVolume(Volume.fromJSON(files, '/repo'));
  const layout = detectLayout(fs as unknown as DetectFs, '/repo', { clientDir: options.client });
  const read = (file: string): string | undefined => files[file];
  return planRetrofit(layout, read, { projectName: 'my-project' });
}

/** True when every line of `before` appears in `after`, in order: the edit only added lines. */
function onlyAddsLines(before: string, after: string): boolean {
  const added = after.split('\n');
  let at = 0;
  for (const line of before.split('\n')) {
    while (at < added.length && added[at] !== line) at++;
    if (at === added.length) return false;
    at++;
  }
  return true;
}

describe('planRetrofit on the fixtures', () => {
  for (const fixture of FIXTURES) {
    it(`${fixture.name}: additive, and a second plan changes nothing`, () => {
      const plan = planFor(fixture.files, fixture.options);
      expect(plan.changes.length).toBeGreaterThan(0);
      const after: RepoFiles = { ...fixture.files };
      for (const change of plan.changes) {
        if (change.action === 'add-lines') expect(onlyAddsLines(fixture.files[change.path], change.contents)).toBe(true);
        else expect(fixture.files[change.path]).toBeUndefined();
        after[change.path] = change.contents;
      }
      const again = planFor(after, fixture.options);
      expect(again.changes).toEqual([]);
      expect(again.nextSteps.filter((step) => !/lock/.test(step))).toEqual([]);
    });
  }

  it('writes the Heroku settings, urls and deploy files for a subfolder backend', () => {
    const plan = planFor(FIXTURES[0].files);
    const byPath = Object.fromEntries(plan.changes.map((c) => [c.path, c]));
    expect(Object.keys(byPath).sort()).toEqual([
      '.buildpacks', 'Procfile', 'app.json', 'client/package.json', 'requirements.txt', 'server/.python-version',
      'server/mysite/heroku_settings.py', 'server/mysite/heroku_urls.py', 'server/mysite/heroku_views.py', 'server/requirements.txt',
    ]);
    expect(byPath.Procfile.contents).toBe('release: python server/manage.py migrate --noinput\nweb: gunicorn --pythonpath server mysite.wsgi --preload --log-file -\n');
    expect(byPath['.buildpacks'].contents).toMatch(/^client=https:\/\/github.com\/heroku\/heroku-buildpack-nodejs.git\nserver=https/);
    expect(byPath['server/requirements.txt'].contents).toBe(
      `${FIXTURES[0].files['server/requirements.txt']}# Added for production by generator-django-monorepo\ngunicorn==27.0.1\nwhitenoise[brotli]==6.5.0\ndj-database-url==1.3.0\npsycopg2-binary==2.9.10\n`,
    );
    expect(byPath['client/package.json'].contents).toContain('"heroku-postbuild": "PUBLIC_URL=/static/ npm run build",');
    const settings = byPath['server/mysite/heroku_settings.py'].contents;
    expect(settings).toContain('from mysite.settings import *');
    expect(settings).toContain('CLIENT_DIST = os.path.join(REPO_ROOT, "client", "build")');
    expect(settings).toContain('ROOT_URLCONF = "mysite.heroku_urls"');
    expect(settings).toContain('parents[1]');
    expect(byPath['server/mysite/heroku_urls.py'].contents).toContain('from mysite.urls import urlpatterns as project_urlpatterns');
  });

  it('keeps a Procfile the user wrote and says what it would contain', () => {
    const fixture = FIXTURES.find((f) => f.name.startsWith('apps/'))!;
    const plan = planFor(fixture.files);
    expect(plan.changes.map((c) => c.path)).not.toContain('Procfile');
    expect(plan.kept[0]).toMatchObject({ path: 'Procfile' });
    expect(plan.kept[0].why).toContain('gunicorn --pythonpath apps/api config.wsgi');
  });

  it('uses the root without a folder in .buildpacks and ./ in the Procfile', () => {
    const plan = planFor(FIXTURES[1].files);
    const get = (p: string) => plan.changes.find((c) => c.path === p)!.contents;
    expect(get('.buildpacks')).toMatch(/^frontend=.*nodejs.git\nhttps:\/\/github.com\/heroku\/heroku-buildpack-python.git\n$/);
    expect(get('Procfile')).toContain('python ./manage.py migrate');
    expect(plan.changes.find((c) => c.path === 'requirements.txt')?.action).toBe('add-lines');
  });

  it('refuses to take over a settings module the user wrote', () => {
    const files = { ...FIXTURES[0].files, 'server/mysite/heroku_settings.py': 'DEBUG = False\n' };
    expect(() => planFor(files)).toThrow(/server\/mysite\/heroku_settings.py already exists.*--heroku-settings/);
    const fs = createFsFromVolume(Volume.fromJSON(files, '/repo'));
    const layout = detectLayout(fs as unknown as DetectFs, '/repo', { herokuSettings: 'mysite.production' });
    const plan = planRetrofit(layout, (file) => (files as Record<string, string>)[file], { projectName: 'my-project' });
    expect(plan.changes.map((c) => c.path)).toContain('server/mysite/production.py');
    expect(plan.changes.find((c) => c.path === 'app.json')?.contents).toContain('"value": "mysite.production"');
  });
});

describe('dependency edits only add lines', () => {
  const missing = missingPackages({ declared: ['django'] }, '5.2');

  it('pins for current Django and for Django before 4.2', () => {
    expect(neededPackages('5.2').map((p) => p.name)).toEqual(['gunicorn', 'whitenoise', 'dj-database-url', 'psycopg']);
    expect(neededPackages('3.2').map((p) => p.name)).toContain('psycopg2-binary');
    expect(missingPackages({ declared: ['psycopg2', 'Gunicorn'] }, null).map((p) => p.name)).toEqual(['whitenoise', 'dj-database-url']);
  });

  it('Pipfile: under [packages]', () => {
    const edit = addPackages('pipenv', '[packages]\ndjango = "*"\n\n[dev-packages]\n', missing);
    expect(edit).toEqual({
      text: '[packages]\ngunicorn = "==27.0.1"\nwhitenoise = { version = "==6.12.0", extras = ["brotli"] }\ndj-database-url = "==3.1.2"\npsycopg = { version = "==3.3.9", extras = ["binary"] }\ndjango = "*"\n\n[dev-packages]\n',
    });
  });

  it('uv: into a multi-line dependencies array; a one-line array is left to the user', () => {
    const edit = addPackages('uv', '[project]\nname = "x"\ndependencies = [\n    "django>=5",\n]\n', missing.slice(0, 1));
    expect(edit).toEqual({ text: '[project]\nname = "x"\ndependencies = [\n    "gunicorn==27.0.1",\n    "django>=5",\n]\n' });
    expect(addPackages('uv', '[project]\ndependencies = ["django"]\n', missing)).toEqual({ manual: 'its [project] dependencies array is written on one line' });
  });

  it('Poetry 2: into [project] dependencies, where `poetry init` and `poetry add` write them', () => {
    const poetry2 = '[project]\nname = "site-backend"\nrequires-python = ">=3.11,<4"\ndependencies = [\n    "django (==4.2.20)"\n]\n\n[build-system]\nrequires = ["poetry-core>=2.0.0,<3.0.0"]\n';
    const edit = addPackages('poetry', poetry2, missing.slice(0, 1));
    expect(edit).toEqual({ text: poetry2.replace('dependencies = [\n', 'dependencies = [\n    "gunicorn==27.0.1",\n') });
  });

  it('Poetry 1: under [tool.poetry.dependencies], also when a [project] table names no dependencies', () => {
    const poetry1 = '[tool.poetry]\nname = "x"\n\n[tool.poetry.dependencies]\npython = "^3.11"\ndjango = "~3.2"\n';
    expect(addPackages('poetry', poetry1, missing.slice(0, 1))).toEqual({ text: poetry1.replace('dependencies]\n', 'dependencies]\ngunicorn = "27.0.1"\n') });
    const dynamic = '[project]\nname = "x"\ndynamic = ["dependencies"]\n\n[tool.poetry.dependencies]\ndjango = "~3.2"\n';
    expect(addPackages('poetry', dynamic, missing.slice(0, 1))).toEqual({ text: dynamic.replace('dependencies]\n', 'dependencies]\ngunicorn = "27.0.1"\n') });
  });

  it('Poetry: package-mode = false only when poetry sync would find no module of the project to install', () => {
    const none = () => false;
    const pyproject = '[project]\nname = "Site.Backend"\ndependencies = [\n]\n';
    expect(poetryMissingRootModule(pyproject, none)).toBe('site_backend');
    expect(poetryMissingRootModule(pyproject, (file) => file === 'src/site_backend/__init__.py')).toBeUndefined();
    expect(poetryMissingRootModule(pyproject, (file) => file === 'site_backend.py')).toBeUndefined();
    expect(poetryMissingRootModule(`${pyproject}\n[tool.poetry]\npackage-mode = false\n`, none)).toBeUndefined();
    expect(poetryMissingRootModule('[tool.poetry]\nname = "x"\npackages = [{ include = "config" }]\n', none)).toBeUndefined();
    expect(poetryMissingRootModule('[tool.poetry]\nname = "x"\n', none)).toBe('x');
    expect(addPoetryPackageModeOff(pyproject)).toBe(`${pyproject}\n[tool.poetry]\npackage-mode = false\n`);
    expect(addPoetryPackageModeOff('[tool.poetry]\r\nname = "x"\r\n')).toBe('[tool.poetry]\r\npackage-mode = false\r\nname = "x"\r\n');
  });

  it('Poetry 2 repo as poetry init leaves it: our packages and package-mode = false, then nothing on a second plan', () => {
    const pyproject = '[project]\nname = "site-backend"\nversion = "0.1.0"\nrequires-python = ">=3.11,<4"\ndependencies = [\n    "django (==4.2.20)"\n]\n\n[build-system]\nrequires = ["poetry-core>=2.0.0,<3.0.0"]\nbuild-backend = "poetry.core.masonry.api"\n';
    const files: RepoFiles = { ...FIXTURES.find((f) => f.name === 'Poetry backend with a Vite client')!.files, 'backend/pyproject.toml': pyproject };
    const plan = planFor(files);
    const change = plan.changes.find((c) => c.path === 'backend/pyproject.toml')!;
    expect(onlyAddsLines(pyproject, change.contents)).toBe(true);
    expect(change.contents).toMatch(/dependencies = \[\n    "gunicorn==[^"]+",\n    "whitenoise\[brotli\]==/);
    expect(change.contents).toMatch(/\n\[tool\.poetry\]\npackage-mode = false\n$/);
    expect(change.why).toContain('package-mode = false (there is no site_backend package');
    expect(plan.nextSteps.join('\n')).toContain('Run `poetry lock` in backend/');
    const again = planFor({ ...files, ...Object.fromEntries(plan.changes.map((c) => [c.path, c.contents])) });
    expect(again.changes).toEqual([]);
  });

  it('Poetry with its exported requirements.txt beside poetry.lock: refused before writing, with the git rm that fixes it', () => {
    const poetryFixture = FIXTURES.find((f) => f.name === 'Poetry backend with a Vite client')!.files;
    const exported = { ...poetryFixture, 'backend/requirements.txt': 'django==3.2.25 ; python_version >= "3.11" \\\n    --hash=sha256:aa\n' };
    expect(() => planFor(exported)).toThrow(/backend\/ holds both requirements\.txt and poetry\.lock.*run `git rm backend\/requirements\.txt`, commit, and run again/);
    const { 'backend/requirements.txt': _dropped, ...removed } = exported;
    expect(planFor(removed).changes.map((c) => c.path)).toContain('backend/pyproject.toml');
  });

  it.each([
    ['uv.lock', 'uv sync --locked'],
    ['Pipfile.lock', 'pipenv install --deploy'],
  ])('an exported requirements.txt beside %s: refused the same way, naming how the buildpack installs the lock', (lock, installs) => {
    const files = { ...FIXTURES.find((f) => f.name === 'Poetry backend with a Vite client')!.files };
    delete files['backend/poetry.lock'];
    const exported = { ...files, [`backend/${lock}`]: '{}\n', 'backend/requirements.txt': 'django==5.2.12\n' };
    expect(() => planFor(exported)).toThrow(new RegExp(`holds both requirements\\.txt and ${lock.replace('.', '\\.')}.*\\(\`${installs}\`\\).*git rm backend/requirements\\.txt`));
  });

  it('keeps CRLF line endings', () => {
    const edit = addPackages('requirements', 'django\r\n', missing.slice(0, 1));
    expect(edit).toEqual({ text: 'django\r\n# Added for production by generator-django-monorepo\r\ngunicorn==27.0.1\r\n' });
  });
});

describe('the client build for /static/', () => {
  const client = { dir: 'web', dist: 'web/dist', postbuild: null, lockFile: null, lockFiles: [] as string[], buildScriptName: 'build', buildsIndex: true, rootRelativeIndex: false, toolVersion: null };

  it('passes the base path to each tool', () => {
    expect(postbuildCommand({ ...client, tool: 'vite', packageManager: 'npm', buildScript: 'tsc && vite build' })).toBe('npm run build -- --base=/static/');
    expect(postbuildCommand({ ...client, tool: 'vite', packageManager: 'pnpm', buildScript: 'vite build && cp a b' })).toBe('vite build --base=/static/ && cp a b');
    expect(postbuildCommand({ ...client, tool: 'angular', packageManager: 'yarn', buildScript: 'ng build' })).toBe('yarn run build --deploy-url=/static/');
    expect(postbuildCommand({ ...client, tool: 'nuxt', packageManager: 'npm', buildScript: 'nuxt generate' })).toBe('NUXT_APP_CDN_URL=/static/ npm run build');
    // Nuxt 2 runs the user's own generate line (an old webpack's OpenSSL flag stays) with the wrapper config.
    const nuxt2 = { ...client, tool: 'nuxt' as const, packageManager: 'yarn' as const, toolVersion: '2.15.8', buildScriptName: 'generate' };
    expect(postbuildCommand({ ...nuxt2, buildScript: 'NODE_OPTIONS=--openssl-legacy-provider nuxt generate' })).toBe('NODE_OPTIONS=--openssl-legacy-provider nuxt generate --config-file nuxt.config.heroku.js');
    expect(() => postbuildCommand({ ...nuxt2, buildScript: 'nuxt build' })).toThrow(/--postbuild/);
    expect(() => postbuildCommand({ ...client, tool: 'vite', packageManager: 'npm', buildScript: 'node build.mjs' })).toThrow(/--postbuild/);
  });

  it('adds one line to package.json, once', () => {
    const text = '{\n  "name": "x",\n  "scripts": {\n    "build": "vite build"\n  }\n}\n';
    const edit = addPostbuildScript(text, 'npm run build -- --base=/static/');
    expect(edit).toEqual({ text: '{\n  "name": "x",\n  "scripts": {\n    "heroku-postbuild": "npm run build -- --base=/static/",\n    "build": "vite build"\n  }\n}\n' });
    expect(addPostbuildScript((edit as { text: string }).text, 'x')).toBeUndefined();
    expect(addPostbuildScript('{"scripts":{"build":"vite build"}}', 'x')).toEqual({ manual: 'its "scripts" are not written one per line' });
  });
});

describe('the layout table', () => {
  it('shows each detected value with the flag that changes it', async () => {
    const { formatLayout } = await import('../../lib/plan/retrofit-report.js');
    const fixture = FIXTURES.find((f) => f.name.startsWith('apps/'))!;
    const fs = createFsFromVolume(Volume.fromJSON(fixture.files, '/repo'));
    const table = formatLayout(detectLayout(fs as unknown as DetectFs, '/repo'));
    expect(table).toMatch(/Django project apps\/api\/ \(manage\.py\) +--backend/);
    expect(table).toMatch(/settings +config\.settings\.base \(base of config\.settings\.local, from manage\.py\) +--settings/);
    expect(table).toMatch(/client build +apps\/web\/dist\/ +--client-dist/);
    expect(table).toMatch(/already there +Procfile, runtime\.txt, apps\/api\/\.python-version, Dockerfile$/m);
  });
});

describe('a heroku-postbuild the user already has', () => {
  it('is kept, and the plan says what it would have been', () => {
    const fixture = FIXTURES[2];
    const pkg = JSON.parse(fixture.files['web/package.json']) as { scripts: Record<string, string> };
    pkg.scripts['heroku-postbuild'] = 'npm run build';
    const plan = planFor({ ...fixture.files, 'web/package.json': `${JSON.stringify(pkg, null, 2)}\n` });
    expect(plan.changes.map((c) => c.path)).not.toContain('web/package.json');
    expect(plan.kept).toEqual([{ path: 'web/package.json', why: 'your heroku-postbuild is kept; for assets under /static/ it would be: pnpm run build --base=/static/' }]);
  });
});
