import { createFsFromVolume, Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import { detectLayout, type DetectFs } from '../../lib/detect/index.js';
import { LayoutError } from '../../lib/detect/types.js';
import { checkBuild, treeFromFiles } from '../../lib/heroku-build/index.js';
import { planRetrofit } from '../../lib/plan/retrofit.js';
import { FIXTURES, packageJson, type RepoFiles } from '../fixtures/retrofit/layouts.js';

const fixture = (start: string) => FIXTURES.find((f) => f.name.startsWith(start))!;

function planFor(files: RepoFiles, options: Record<string, string> = {}, deployLayout: 'subdir' | 'official' = 'official') {
  const fs = createFsFromVolume(Volume.fromJSON(files, '/repo'));
  const layout = detectLayout(fs as unknown as DetectFs, '/repo', { clientDir: options.client, deployLayout });
  return planRetrofit(layout, (file) => files[file], { projectName: 'my-project', deployLayout });
}

function applied(files: RepoFiles, plan: ReturnType<typeof planFor>): RepoFiles {
  return { ...files, ...Object.fromEntries(plan.changes.map((change) => [change.path, change.contents])) };
}

describe('the retrofit onto the official layout', () => {
  // The fixture's client with npm instead of pnpm: the root build installs it with npm.
  const base = fixture('settings package in api/');
  const vite = { ...base, files: { ...Object.fromEntries(Object.entries(base.files).filter(([file]) => file !== 'web/pnpm-lock.yaml')), 'web/package-lock.json': '{}\n' } };

  it('writes the root files of the official buildpacks, no .buildpacks, and builds the client from the root', () => {
    const plan = planFor(vite.files, vite.options);
    const paths = plan.changes.map((change) => change.path);
    expect(paths).toEqual(expect.arrayContaining(['Procfile', 'app.json', 'project.toml', '.python-version', 'requirements.txt', 'package.json', 'package-lock.json']));
    expect(paths).not.toContain('.buildpacks');
    expect(paths).not.toContain('api/.python-version');
    expect(paths).not.toContain('web/package.json'); // the client's own package.json is left alone
    const after = applied(vite.files, plan);
    const root = JSON.parse(after['package.json']) as { scripts: Record<string, string>; cacheDirectories: string[] };
    expect(root.scripts['heroku-postbuild']).toMatch(/^cd web && npm (ci|install) --include=dev && /);
    expect(root.scripts['heroku-postbuild']).toContain('--base=/static/');
    expect(root.cacheDirectories).toEqual(['web/node_modules']);
    expect(JSON.parse(after['app.json']).buildpacks).toEqual([{ url: 'heroku/nodejs' }, { url: 'heroku/python' }]);
    const findings = checkBuild(treeFromFiles(after, true), 'official').filter((f) => f.severity === 'error');
    expect(findings).toEqual([]);
  });

  it('is additive on a root package.json and a second plan changes nothing', () => {
    const files = { ...vite.files, 'package.json': `${JSON.stringify({ name: 'tools', private: true, scripts: { lint: 'eslint .' } }, null, 2)}\n` };
    const plan = planFor(files, vite.options);
    const edit = plan.changes.find((change) => change.path === 'package.json')!;
    expect(edit.action).toBe('add-lines');
    expect(JSON.parse(edit.contents).scripts).toMatchObject({ lint: 'eslint .', 'heroku-postbuild': expect.stringContaining('cd web && ') });
    expect(planFor(applied(files, plan), vite.options).changes).toEqual([]);
  });

  it('keeps a repo that already deploys with the official buildpacks working (detection no longer refuses it)', () => {
    const files = { ...vite.files, 'app.json': JSON.stringify({ buildpacks: [{ url: 'heroku/nodejs' }, { url: 'heroku/python' }] }), 'package.json': packageJson({ 'heroku-postbuild': 'cd web && npm ci --include=dev && npm run build' }, {}) };
    expect(() => planFor(files, vite.options, 'subdir')).toThrow(/--buildpacks official/);
    const plan = planFor(files, vite.options);
    expect(plan.changes.map((c) => c.path)).not.toContain('package.json');
    expect(plan.kept.map((k) => k.path)).toEqual(expect.arrayContaining(['app.json', 'package.json']));
  });

  it('refuses a client built with another package manager than npm, and Pipenv, naming the alternatives', () => {
    expect(() => planFor(base.files, base.options)).toThrow(/web\/ is built with pnpm.*--buildpacks subdir/);
    const angular = fixture('Angular client (application builder) and a Pipfile backend');
    expect(() => planFor(angular.files, angular.options)).toThrow(LayoutError);
    expect(() => planFor(angular.files, angular.options)).toThrow(/Pipenv.*--buildpacks subdir, or move to requirements.txt or uv/);
  });

  it('leaves the subdir retrofit as it was', () => {
    const plan = planFor(vite.files, vite.options, 'subdir');
    expect(plan.changes.map((c) => c.path)).toEqual(expect.arrayContaining(['.buildpacks', 'api/.python-version']));
    expect(plan.changes.map((c) => c.path)).not.toContain('project.toml');
  });
});
