import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { checkBuild, treeFromFiles } from '../../lib/heroku-build/index.js';
import { parseProjectToml } from '../../lib/heroku-build/official-toml.js';
import { FRAMEWORKS, InvalidOptionError, checkGivenOptions, resolveAnswers } from '../../lib/options.js';
import type { RenderedFile } from '../../lib/templates.js';
import { renderNewProject } from '../support/project-files.js';

const byPath = (files: RenderedFile[]) => new Map(files.map((file) => [file.destination, file.contents]));

/** What Heroku's build would say about these files, committed as they are, on the official layout. */
function check(files: Map<string, string>) {
  return checkBuild(treeFromFiles(Object.fromEntries(files), true), 'official');
}

describe.each(FRAMEWORKS)('a new %s project with --buildpacks official', (framework) => {
  const hasClient = framework !== 'none';

  it('has the root files the official buildpacks detect, and no .buildpacks', async () => {
    const files = byPath(await renderNewProject({ framework, layout: 'official' }));
    expect(files.has('.buildpacks')).toBe(false);
    expect(files.has('backend/.python-version')).toBe(false);
    expect(files.get('.python-version')).toBe('3.14\n');
    expect(files.get('requirements.txt')).toContain('\n-r backend/requirements.txt\n');
    expect(files.has('package.json')).toBe(hasClient);
    expect(files.has('package-lock.json')).toBe(hasClient);
    const appJson = JSON.parse(files.get('app.json')!) as { buildpacks: { url: string }[] };
    expect(appJson.buildpacks.map((b) => b.url)).toEqual(hasClient ? ['heroku/nodejs', 'heroku/python'] : ['heroku/python']);
    expect(parseProjectToml(files.get('project.toml')!)).toEqual({
      schemaVersion: '0.2',
      group: [...(hasClient ? ['heroku/nodejs'] : []), 'heroku/python', 'heroku/procfile'],
    });
  });

  it('passes the official layout build rules', async () => {
    const files = byPath(await renderNewProject({ framework, layout: 'official' }));
    // The client's lockfile comes from `npm install` (the generator's install step) before the commit.
    if (hasClient) files.set('client/package-lock.json', '{}');
    expect(check(files)).toEqual([]);
    expect(checkBuild(treeFromFiles(Object.fromEntries(files), true), 'subdir').map((f) => f.rule)).toContain('buildpacks-syntax');
  });

  it('renders prettier-clean JSON and Markdown', async () => {
    const files = (await renderNewProject({ framework, layout: 'official' })).filter((file) => /\.(json|md)$/.test(file.destination));
    for (const file of files) expect(await prettier.check(file.contents, { filepath: file.destination }), file.destination).toBe(true);
  });
});

describe('the root package.json of the official layout', () => {
  it('installs the client with its devDependencies, builds it, and caches its modules', async () => {
    const files = byPath(await renderNewProject({ layout: 'official', clientDir: 'web' }));
    const pkg = JSON.parse(files.get('package.json')!) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      name: 'my-app',
      private: true,
      engines: { node: '24.x' },
      scripts: { 'heroku-postbuild': 'npm ci --prefix web --include=dev && npm run build --prefix web' },
      cacheDirectories: ['web/node_modules'],
    });
    const lock = JSON.parse(files.get('package-lock.json')!) as { packages: Record<string, { name: string }> };
    expect(lock.packages[''].name).toBe('my-app');
  });
});

describe('the official layout build rules', () => {
  const good = async () => byPath([...(await renderNewProject({ layout: 'official' })), { destination: 'client/package-lock.json', contents: '{}', overridden: false }]);
  const rules = (problems: { rule: string }[]) => problems.map((problem) => problem.rule);

  it('finds the NODE_ENV=production trap: a nested install without devDependencies', async () => {
    const files = await good();
    files.set('package.json', JSON.stringify({ engines: { node: '22.x' }, scripts: { 'heroku-postbuild': 'npm ci --prefix client && npm run build --prefix client' } }));
    expect(rules(check(files))).toEqual(['nested-install-includes-dev']);
    files.set('package.json', JSON.stringify({ engines: { node: '22.x' }, scripts: { build: 'cd client && npm install && npm run build' } }));
    expect(rules(check(files))).toEqual(['nested-install-includes-dev']);
    files.set('package.json', JSON.stringify({ engines: { node: '22.x' }, scripts: { build: 'cd client && npm install --production=false && npm run build' } }));
    expect(check(files)).toEqual([]);
  });

  it('finds a client with no root package.json, a Pipfile, a stale .buildpacks and a manage.py too deep for collectstatic', async () => {
    const files = await good();
    files.delete('package.json');
    files.delete('package-lock.json');
    files.set('Pipfile', '');
    files.set('.buildpacks', 'client=x\n');
    for (const [path, text] of [...files]) {
      if (path.startsWith('backend/')) {
        files.delete(path);
        files.set(`a/b/c/${path}`, text);
      }
    }
    expect(rules(check(files))).toEqual(
      expect.arrayContaining(['root-package-json', 'collectstatic-depth', 'pipenv-not-on-fir', 'buildpacks-file-unused', 'app-json-buildpacks', 'project-toml']),
    );
  });

  it('finds a heroku-postbuild npm ci without the client lockfile', async () => {
    const files = await good();
    files.delete('client/package-lock.json');
    expect(rules(check(files))).toEqual(['client-lockfile-for-npm-ci']);
  });

  it('finds buildpacks out of order in app.json and project.toml, and project.toml schema 0.1', async () => {
    const files = await good();
    files.set('app.json', JSON.stringify({ buildpacks: [{ url: 'heroku/python' }, { url: 'heroku/nodejs' }] }));
    files.set('project.toml', '[_]\nschema-version = "0.2"\n[[io.buildpacks.group]]\nid = "heroku/python"\n[[io.buildpacks.group]]\nid = "heroku/nodejs"\n');
    expect(rules(check(files))).toEqual(['app-json-buildpacks', 'project-toml']);
    files.set('project.toml', '[[build.buildpacks]]\nid = "heroku/nodejs"\n');
    expect(check(files).at(-1)?.message).toMatch(/schema 0\.1/);
  });
});

describe('parseProjectToml', () => {
  it('reads ids in order, skips other tables and refuses what it cannot read', () => {
    const text = '# c\n[_]\nschema-version = "0.2"\nid = "my.app"\n\n[io.buildpacks]\nbuilder = "heroku/builder:24"\n[[io.buildpacks.build.env]]\nname = "X"\n[[io.buildpacks.group]]\nid = \'heroku/python\' # py\nversion = "1.0"\n';
    expect(parseProjectToml(text)).toEqual({ schemaVersion: '0.2', group: ['heroku/python'] });
    expect(parseProjectToml('[[io.buildpacks.group]]\nversion = "1"\n')).toEqual({ error: 'an [[io.buildpacks.group]] table has no id' });
    expect(parseProjectToml('[[io.buildpacks.group]\n')).toMatchObject({ error: expect.stringMatching(/unbalanced/) });
  });
});

describe('the layout option', () => {
  it('defaults to subdir and refuses Pipenv with the official layout, naming the alternatives', async () => {
    expect((await resolveAnswers('x', {}, {})).layout).toBe('subdir');
    expect(() => checkGivenOptions({ layout: 'official', pythonDeps: 'pipenv' })).toThrow(InvalidOptionError);
    await expect(resolveAnswers('x', { layout: 'official' }, { pythonDeps: 'pipenv' })).rejects.toThrow(/--python-deps pip .*--buildpacks subdir/);
    expect(() => checkGivenOptions({ layout: 'cedar' })).toThrow(/--buildpacks "cedar" must be one of: subdir, official/);
  });
});

describe('an existing project', () => {
  it('refuses a --buildpacks that differs from the layout it was made with', async () => {
    const { layoutChange } = await import('../../lib/target.js');
    expect(layoutChange({ layout: 'subdir' }, { layout: 'official' })).toMatch(/^--buildpacks "official" differs from "subdir".*another deployment layout/);
    expect(layoutChange({ layout: 'official' }, { layout: 'official' })).toBeUndefined();
    expect(layoutChange({}, { layout: 'official' })).toBeUndefined();
  });
});
