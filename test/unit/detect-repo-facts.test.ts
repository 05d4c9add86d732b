// What detection reads from the repo before it uses a default (issue 12, items 1, 5, 6, 7, 8, 9, 10).
import { createFsFromVolume, Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import { detectLayout, LayoutError, type DetectFs, type LayoutChoices } from '../../lib/detect/index.js';
import { configFolder } from '../../lib/detect/client.js';
import { lineSatisfies, pythonsFor } from '../../lib/detect/python-version.js';
import { djangoProject, packageJson, settingsPy, type RepoFiles } from '../fixtures/retrofit/layouts.js';

function detect(files: RepoFiles, choices: LayoutChoices = {}) {
  return detectLayout(createFsFromVolume(Volume.fromJSON(files, '/repo')) as unknown as DetectFs, '/repo', choices);
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

const INDEX = '<!doctype html><div id="app"></div><script type="module" src="/src/main.js"></script>\n';
const backend = (requirements: string, extra: RepoFiles = {}): RepoFiles => ({
  ...djangoProject('backend', 'app', 'app.settings'),
  'backend/app/settings.py': settingsPy('app.urls'),
  'backend/requirements.txt': requirements,
  ...extra,
});
const vite = { 'client/package.json': packageJson({ build: 'vite build' }, { vite: '^8.0.0' }), 'client/index.html': INDEX, 'client/package-lock.json': '{}\n' };

describe('the Python version', () => {
  it('is what both Heroku (3.11–3.14) and the Django line run on', () => {
    expect(pythonsFor('3.2')).toEqual(['3.11', '3.12']);
    expect(pythonsFor('4.2')).toEqual(['3.11', '3.12']);
    expect(pythonsFor('5.2')).toEqual(['3.11', '3.12', '3.13', '3.14']);
    expect(pythonsFor('2.2')).toEqual([]);
    expect(pythonsFor(null)).toEqual(['3.12', '3.13', '3.14']);
  });

  it.each([
    ['>=3.10', '3.11', true], ['>=3.12', '3.11', false], ['>=3.10,<3.12', '3.12', false], ['>=3.10,<3.12', '3.11', true],
    ['^3.11', '3.13', true], ['~3.11', '3.12', false], ['==3.12.*', '3.12', true], ['<3.12.1', '3.12', true], ['*', '3.14', true],
  ])('%s holds for %s: %s', (range, version, holds) => {
    expect(lineSatisfies(version, range)).toBe(holds);
  });

  it('moves an EOL runtime.txt up to what runs, and says so', () => {
    const layout = detect({ ...backend('Django==3.2.25\n'), 'runtime.txt': 'python-3.8.10\n', ...vite });
    expect(layout.python).toMatchObject({ version: '3.11', source: 'runtime.txt' });
    expect(layout.warnings.join('\n')).toMatch(/runtime\.txt asks for Python 3\.8.*3\.11 is used/);
  });

  it('never writes 3.13 for Django 3.2 (cgi), even as the default', () => {
    expect(detect({ ...backend('Django==3.2.25\n'), ...vite }).python.version).toBe('3.12');
    expect(detect({ ...backend('Django==5.2.12\n'), ...vite }).python.version).toBe('3.14');
  });

  it('reads Pipfile, Pipfile.lock and requires-python', () => {
    const pipenv = { ...djangoProject('backend', 'app', 'app.settings'), 'backend/app/settings.py': settingsPy('app.urls'), ...vite };
    const pipfile = '[packages]\ndjango = "==4.2.20"\n\n[requires]\npython_version = "3.12"\n';
    expect(detect({ ...pipenv, 'backend/Pipfile': pipfile, 'backend/Pipfile.lock': '{}' }).python).toMatchObject({ version: '3.12', source: 'backend/Pipfile' });
    const lock = JSON.stringify({ _meta: { requires: { python_version: '3.11' } } });
    expect(detect({ ...pipenv, 'backend/Pipfile': '[packages]\ndjango = "==4.2.20"\n', 'backend/Pipfile.lock': lock }).python.source).toBe('backend/Pipfile.lock');
    const pyproject = '[project]\nname = "x"\nrequires-python = ">=3.10,<3.13"\ndependencies = [\n    "django==5.2.12",\n]\n';
    expect(detect({ ...pipenv, 'backend/pyproject.toml': pyproject, 'backend/uv.lock': '' }).python).toMatchObject({ version: '3.12', source: 'backend/pyproject.toml' });
  });

  it('refuses with the choices when nothing fits, and --python outside them', () => {
    expect(refusal({ ...backend('Django==2.2.28\n'), ...vite }).message).toMatch(/Django 2\.2 runs on Python 3\.9 at most.*upgrade Django to 3\.2 LTS/);
    const narrow = { ...djangoProject('backend', 'app', 'app.settings'), 'backend/app/settings.py': settingsPy('app.urls'), ...vite, 'backend/pyproject.toml': '[project]\nrequires-python = ">=3.8,<3.10"\ndependencies = [\n    "django==4.2.20",\n]\n' };
    expect(refusal(narrow).message).toMatch(/requires Python >=3\.8,<3\.10.*runs on 3\.11, 3\.12 only/);
    const error = refusal({ ...backend('Django==3.2.25\n'), ...vite }, { python: '3.13' });
    expect(error.message).toMatch(/--python 3\.13: Django 3\.2 on Heroku runs on 3\.11, 3\.12/);
    expect(detect({ ...backend('Django==3.2.25\n'), ...vite }, { python: '3.11' }).python.version).toBe('3.11');
  });

  it('refuses a backend .python-version the buildpack would read, telling the fix', () => {
    const files = { ...backend('Django==3.2.25\n'), 'backend/.python-version': '3.13\n', ...vite };
    expect(refusal(files).message).toMatch(/backend\/\.python-version asks for Python 3\.13.*change it to 3\.12/);
    expect(detect({ ...files, 'backend/.python-version': '3.12\n' }).python.version).toBe('3.12');
  });
});

describe('the client build', () => {
  it('reads unquoted and computed-from-__dirname output folders', () => {
    expect(configFolder("build: { outDir: path.resolve(__dirname, '../static') }", 'outDir')).toBe('../static');
    expect(configFolder('outDir: "dist-prod",', 'outDir')).toBe('dist-prod');
    expect(configFolder("path: __dirname + '/public/build'", 'path')).toBe('public/build');
    expect(configFolder('outDir: OUT_DIR,', 'outDir')).toBeNull();
    expect(configFolder('nothing', 'outDir')).toBeUndefined();
  });

  it('takes an output folder beside the client, inside the repo', () => {
    const files = { ...backend('Django==5.2.12\n'), ...vite, 'client/vite.config.js': "export default { build: { outDir: resolve(__dirname, '../static') } }\n" };
    expect(detect(files).client?.dist).toBe('static');
    expect(refusal({ ...files, 'client/vite.config.js': 'export default { build: { outDir: OUT } }\n' }).flag).toBe('client-dist');
    expect(detect({ ...files, 'client/vite.config.js': 'export default { build: { outDir: OUT } }\n' }, { clientDist: '../public' }).client?.dist).toBe('public');
    expect(refusal(files, { clientDist: '../../x' }).message).toMatch(/outside the repo/);
  });

  it('reads a webpack output path written with path.resolve', () => {
    const files = {
      ...backend('Django==5.2.12\n'),
      'frontend/package.json': packageJson({ build: 'webpack --mode production' }, { webpack: '^5.0.0' }),
      'frontend/webpack.config.js': "module.exports = {\n  output: { path: path.resolve(__dirname, 'webpack_bundles'), filename: '[name].[contenthash].js' },\n};\n",
    };
    expect(detect(files).client).toMatchObject({ tool: 'webpack', dist: 'frontend/webpack_bundles', buildsIndex: false });
  });

  it('builds with the production script when there is one', () => {
    const files = { ...backend('Django==5.2.12\n'), ...vite, 'client/package.json': packageJson({ build: 'vite build --mode development', 'build-prod': 'vite build' }, { vite: '^8.0.0' }) };
    expect(detect(files).client).toMatchObject({ buildScriptName: 'build-prod', buildScript: 'vite build' });
  });

  it('lets --postbuild past a missing build script', () => {
    const files = { ...backend('Django==5.2.12\n'), 'ui/package.json': packageJson({ start: 'serve' }, {}) };
    expect(refusal(files, { clientDir: 'ui' }).message).toMatch(/no "build" script.*--postbuild.*--client-dist/);
    expect(detect(files, { clientDir: 'ui', postbuild: 'node make.js', clientDist: 'out' }).client).toMatchObject({ tool: 'other', dist: 'ui/out', buildScriptName: 'heroku-postbuild' });
  });

  it('flags two lock files', () => {
    const layout = detect({ ...backend('Django==5.2.12\n'), ...vite, 'client/yarn.lock': '# yarn lockfile v1\n' });
    expect(layout.warnings.join('\n')).toMatch(/2 lock files \(client\/yarn\.lock, client\/package-lock\.json\).*Node\.js buildpack fails/);
  });

  it('knows a django-vite build has no index.html, and a hand-written one loads from the root', () => {
    const djangoVite = { ...backend('Django==5.2.12\n'), ...vite, 'client/vite.config.js': "export default { build: { manifest: true, rollupOptions: { input: 'src/main.js' } } }\n" };
    expect(detect(djangoVite).client?.buildsIndex).toBe(false);
    expect(detect(djangoVite).warnings.join('\n')).toMatch(/writes no index\.html/);
    const rollup = { ...backend('Django==5.2.12\n'), 'app/package.json': packageJson({ build: 'rollup -c' }, { rollup: '^4' }), 'app/public/index.html': "<script defer src='/build/bundle.js'></script>\n" };
    expect(detect(rollup, { postbuild: 'rollup -c', clientDist: 'public', clientDir: 'app' }).client).toMatchObject({ dist: 'app/public', rootRelativeIndex: true });
  });

  it("builds a Nuxt starter's static site: its generate script, not the server build", () => {
    // create-nuxt-app (Nuxt 2, target 'static') and the Nuxt 3/4 starters: build is "nuxt build", generate "nuxt generate".
    const scripts = { dev: 'nuxt', build: 'nuxt build', start: 'nuxt start', generate: 'nuxt generate' };
    const nuxt2 = { ...backend('Django==5.2.12\n'), 'client/package.json': packageJson(scripts, { nuxt: '^2.15.8' }), 'client/nuxt.config.js': "export default { target: 'static' }\n" };
    expect(detect(nuxt2).client).toMatchObject({ tool: 'nuxt', toolVersion: '2.15.8', buildScriptName: 'generate', buildScript: 'nuxt generate', dist: 'client/dist' });
    const nuxt4 = { ...backend('Django==5.2.12\n'), 'client/package.json': packageJson({ ...scripts, postinstall: 'nuxt prepare' }, { nuxt: '4.3.1' }) };
    expect(detect(nuxt4).client).toMatchObject({ tool: 'nuxt', buildScriptName: 'generate', dist: 'client/.output/public' });
    // A generate script under another name is found too; without one, the server build is refused.
    const other = { ...backend('Django==5.2.12\n'), 'client/package.json': packageJson({ build: 'nuxi build', static: 'nuxi generate' }, { nuxt: '^3.0.0' }) };
    expect(detect(other).client).toMatchObject({ buildScriptName: 'static' });
    expect(refusal({ ...backend('Django==5.2.12\n'), 'client/package.json': packageJson({ build: 'nuxt build' }, { nuxt: '^3.0.0' }) }).message).toMatch(/builds a Node server.*"generate": "nuxt generate"/);
    // ssr: false (Nuxt 3) and target: 'static' (Nuxt 2) still build a server with "nuxt build": no index.html is written.
    const spa = { ...backend('Django==5.2.12\n'), 'client/package.json': packageJson({ build: 'nuxt build' }, { nuxt: '^3.0.0' }), 'client/nuxt.config.ts': 'export default defineNuxtConfig({ ssr: false })\n' };
    expect(refusal(spa).message).toMatch(/builds a Node server/);
    expect(refusal({ ...spa, 'client/nuxt.config.ts': "export default { target: 'static' }\n" }).message).toMatch(/builds a Node server/);
    expect(detect({ ...spa, 'client/package.json': packageJson({ build: 'nuxi build --prerender' }, { nuxt: '^3.0.0' }) }).client?.dist).toBe('client/.output/public');
    // Nuxt 2's generate.dir moves the site (and the wrapper config moves _nuxt/ within it).
    const config = "export default {\n  target: 'static',\n  generate: { dir: 'public', fallback: true },\n  build: {}\n}\n";
    expect(detect({ ...nuxt2, 'client/nuxt.config.js': config }).client?.dist).toBe('client/public');
    expect(refusal({ ...nuxt2, 'client/nuxt.config.js': 'export default { generate: { dir: OUT } }\n' }).flag).toBe('client-dist');
  });

  it('reads the tool version (Nuxt 2, old Vue CLI)', () => {
    const nuxt = { ...backend('Django==5.2.12\n'), 'site/package.json': packageJson({ generate: 'nuxt generate', build: 'nuxt generate' }, { nuxt: '^2.17.3' }) };
    expect(detect(nuxt).client).toMatchObject({ tool: 'nuxt', toolVersion: '2.17.3', dist: 'site/dist' });
  });
});

describe('pipelines the repo already deploys with', () => {
  const files = { ...backend('Django==5.2.12\n'), ...vite };

  it('refuses a root heroku-postbuild, official buildpacks in app.json and a root bin/post_compile, naming the flag', () => {
    const rootBuild = { ...files, 'package.json': JSON.stringify({ scripts: { 'heroku-postbuild': 'cd client && npm ci && npm run build' } }) };
    expect(refusal(rootBuild).message).toMatch(/package\.json deploys with its heroku-postbuild.*--client \. --client-dist.*--replace-pipeline/);
    expect(detect(rootBuild, { replacePipeline: true }).warnings.join('\n')).toMatch(/--replace-pipeline: package\.json/);
    const appJson = { ...files, 'app.json': JSON.stringify({ buildpacks: [{ url: 'heroku/nodejs' }, { url: 'heroku/python' }] }) };
    expect(refusal(appJson).message).toMatch(/Heroku's own buildpacks at the repo root \(heroku\/nodejs, heroku\/python\)/);
    expect(detect(appJson, { replacePipeline: true }).backend.dir).toBe('backend');
    expect(refusal({ ...files, 'bin/post_compile': '#!/bin/sh\n' }).message).toMatch(/backend\/bin\/post_compile/);
  });
});

describe('settings that need more than the Heroku settings give', () => {
  it('names variables read without a default, and modules the deploy will not have', () => {
    const settings = `${settingsPy('app.urls')}\nSECRET_KEY = os.environ["SECRET_KEY"]\nNAME = os.environ.get("DATABASE_NAME", "db")\nDEBUG_X = os.getenv("DJANGO_DEBUG")\n\nfrom .local_settings import *\n\ntry:\n    from .optional import *\nexcept ImportError:\n    pass\n`;
    const files = { ...backend('Django==5.2.12\n'), 'backend/app/settings.py': settings, ...vite };
    const layout = detect(files);
    expect(layout.backend.settingsEnv).toEqual([{ name: 'DATABASE_NAME', required: false }, { name: 'DJANGO_DEBUG', required: false }, { name: 'SECRET_KEY', required: true }]);
    const notes = layout.warnings.join('\n');
    expect(notes).toMatch(/read DATABASE_NAME, SECRET_KEY from the environment.*SECRET_KEY has no default.*heroku config:set SECRET_KEY=\.\.\./);
    expect(notes).toMatch(/import \.local_settings \(imported by backend\/app\/settings\.py\), which will not be deployed/);
    expect(notes).not.toMatch(/optional/);
    const ignored = detect({ ...files, 'backend/app/local_settings.py': 'X = 1\n', 'backend/.gitignore': 'local_settings.py\n' });
    expect(ignored.backend.missingImports).toEqual(['.local_settings (imported by backend/app/settings.py, ignored by git)']);
    expect(detect({ ...files, 'backend/app/local_settings.py': 'X = 1\n' }).backend.missingImports).toEqual([]);
  });

  it('keeps the static-files storage the settings choose', () => {
    const files = { ...backend('Django==5.2.12\n'), 'backend/app/settings.py': `${settingsPy('app.urls')}\nSTATICFILES_STORAGE = "whitenoise.storage.CompressedStaticFilesStorage"\n`, ...vite };
    expect(detect(files).backend.staticStorage).toBe('whitenoise.storage.CompressedStaticFilesStorage');
  });
});
