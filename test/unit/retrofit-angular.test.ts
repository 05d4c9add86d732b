// Angular clients as `ng new` leaves them (issue 12, item 7; test/corpus/angular.test.ts builds them for real).
import { createFsFromVolume, Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import { detectLayout, type DetectFs } from '../../lib/detect/index.js';
import { HASHED_NAMES, postbuildCommand } from '../../lib/plan/retrofit-client.js';
import { djangoProject, packageJson, settingsPy, type RepoFiles } from '../fixtures/retrofit/layouts.js';

const angularJson = (builder: string, options: Record<string, unknown> = {}) =>
  JSON.stringify({ version: 1, projects: { client: { projectType: 'application', root: '', architect: { build: { builder, options: { browser: 'src/main.ts', ...options } } } } } }, null, 2);

const repo = (angular: string, deps: Record<string, string>, extra: RepoFiles = {}): RepoFiles => ({
  ...djangoProject('backend', 'app', 'app.settings'),
  'backend/app/settings.py': settingsPy('app.urls'),
  'backend/requirements.txt': 'Django==5.2.12\n',
  'client/package.json': packageJson({ ng: 'ng', build: 'ng build' }, deps),
  'client/angular.json': angular,
  'client/package-lock.json': '{}\n',
  ...extra,
});
const layoutOf = (files: RepoFiles) => detectLayout(createFsFromVolume(Volume.fromJSON(files, '/repo')) as unknown as DetectFs, '/repo');

// What ng new 21.2.27 and 16.2.16 write (package.json and angular.json's build target).
const NG21 = { '@angular/build': '^21.2.27', '@angular/cli': '^21.2.27' };
const NG16 = { '@angular-devkit/build-angular': '^16.2.16', '@angular/cli': '^16.2.16' };

describe('Angular', () => {
  it('builds where each builder writes: <outputPath>/browser for the application builder, outputPath itself for the others', () => {
    // Angular 20+ writes no outputPath: the default is dist/<project>.
    expect(layoutOf(repo(angularJson('@angular/build:application'), NG21)).client?.dist).toBe('client/dist/client/browser');
    expect(layoutOf(repo(angularJson('@angular-devkit/build-angular:application', { outputPath: 'dist/site' }), NG21)).client?.dist).toBe('client/dist/site/browser');
    // An object names the browser folder; "" writes it straight into base.
    expect(layoutOf(repo(angularJson('@angular/build:application', { outputPath: { base: '../public', browser: '' } }), NG21)).client?.dist).toBe('public');
    expect(layoutOf(repo(angularJson('@angular/build:application', { outputPath: { base: 'out', browser: 'web' } }), NG21)).client?.dist).toBe('client/out/web');
    expect(layoutOf(repo(angularJson('@angular-devkit/build-angular:browser', { outputPath: 'dist/client' }), NG16)).client?.dist).toBe('client/dist/client');
    expect(layoutOf(repo(angularJson('@angular-devkit/build-angular:browser-esbuild', { outputPath: 'dist/client' }), NG16)).client?.dist).toBe('client/dist/client');
  });

  it('points the index at /static/ with --deploy-url, after the script for every manager', () => {
    const client = layoutOf(repo(angularJson('@angular/build:application'), NG21)).client!;
    expect(client.tool).toBe('angular');
    expect(postbuildCommand(client)).toBe('npm run build -- --deploy-url=/static/');
    expect(postbuildCommand({ ...client, packageManager: 'yarn' })).toBe('yarn run build --deploy-url=/static/');
    expect(postbuildCommand({ ...client, packageManager: 'pnpm' })).toBe('pnpm run build --deploy-url=/static/');
  });

  it('caches for good the names both builders hash, and nothing they copy from public/ or assets/', () => {
    const hashed = new RegExp(HASHED_NAMES.angular);
    // Built in the corpus: the application builder (esbuild, 8 base32 capitals) and the browser builder (webpack, 16 hex).
    const built = ['/static/main-US56JU6F.js', '/static/styles-5INURTSO.css', '/static/chunk-2KQW7XRA.js', '/static/media/logo-ZQ3NVX5Y.png'];
    const webpack = ['/static/main.88f565df0605e8a6.js', '/static/runtime.a9340aa0e1064d4f.js', '/static/polyfills.79aab138cd0a48cb.js', '/static/styles.ef46db3751d8e999.css', '/static/logo.1f0e2d3c4b5a69788796.svg'];
    for (const url of [...built, ...webpack]) expect(url).toMatch(hashed);
    for (const url of ['/static/favicon.ico', '/static/3rdpartylicenses.txt', '/static/assets/logo.png', '/static/index.html', '/static/main.js']) expect(url).not.toMatch(hashed);
  });
});
