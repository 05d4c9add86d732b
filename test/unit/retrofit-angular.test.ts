// Angular clients as `ng new` leaves them (issue 12, item 7; test/corpus/angular.test.ts builds them for real).
import { createFsFromVolume, Volume } from 'memfs';
import { describe, expect, it } from 'vitest';
import { detectLayout, LayoutError, type DetectFs } from '../../lib/detect/index.js';
import { RepoReader } from '../../lib/detect/fs.js';
import { lockedVersion } from '../../lib/detect/locked-version.js';
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
const memFs = (files: RepoFiles) => createFsFromVolume(Volume.fromJSON(files, '/repo')) as unknown as DetectFs;
const layoutOf = (files: RepoFiles, postbuild?: string) => detectLayout(memFs(files), '/repo', { postbuild });

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

describe('an application builder without --deploy-url (@angular-devkit/build-angular 17.0-17.2)', () => {
  const NG17 = { '@angular-devkit/build-angular': '^17.2.0', '@angular/cli': '^17.2.0' };
  const builder = angularJson('@angular-devkit/build-angular:application', { outputPath: 'dist/client' });
  // The shapes each manager writes for the builder ng new 17.2 installs.
  const locks = (version: string): Record<string, RepoFiles> => ({
    npm: { 'client/package-lock.json': JSON.stringify({ lockfileVersion: 3, packages: { '': {}, 'node_modules/@angular-devkit/build-angular': { version } } }) },
    npm1: { 'client/package-lock.json': JSON.stringify({ lockfileVersion: 1, dependencies: { '@angular-devkit/build-angular': { version } } }) },
    yarn: { 'client/package-lock.json': '', 'client/yarn.lock': `"@angular-devkit/build-angular@^17.2.0":\n  version "${version}"\n  resolved "https://registry.yarnpkg.com/x.tgz"\n` },
    berry: { 'client/yarn.lock': `__metadata:\n  version: 8\n\n"@angular-devkit/build-angular@npm:^17.2.0":\n  version: ${version}\n  resolution: "x"\n` },
    pnpm: { 'client/pnpm-lock.yaml': `lockfileVersion: '9.0'\nimporters:\n  .:\n    devDependencies:\n      '@angular-devkit/build-angular':\n        specifier: ^17.2.0\n        version: ${version}(typescript@5.3.3)\npackages:\n  '@angular-devkit/build-angular@${version}':\n    resolution: {}\n` },
    pnpm5: { 'client/pnpm-lock.yaml': `lockfileVersion: 5.4\npackages:\n  /@angular-devkit/build-angular/${version}_typescript@5.3.3:\n    resolution: {}\n` },
    pnpm6: { 'client/pnpm-lock.yaml': `lockfileVersion: '6.0'\npackages:\n  /@angular-devkit/build-angular@${version}(typescript@5.3.3):\n    resolution: {}\n` },
  });
  const withLock = (lock: RepoFiles): RepoFiles => {
    const files = { ...repo(builder, NG17), ...lock };
    if (lock['client/package-lock.json'] === '' || !('client/package-lock.json' in lock)) delete files['client/package-lock.json'];
    return files;
  };

  it('reads the locked version from every lockfile shape', () => {
    for (const [manager, lock] of Object.entries(locks('17.2.3'))) {
      const files = withLock(lock);
      const lockFile = Object.keys(lock).find((file) => files[file] !== undefined)!;
      expect(lockedVersion(new RepoReader(memFs(files), '/repo'), lockFile, '@angular-devkit/build-angular'), manager).toBe('17.2.3');
      expect(lockedVersion(new RepoReader(memFs(files), '/repo'), lockFile, '@angular-devkit/build'), manager).toBeUndefined();
    }
  });

  it('is refused before writing, naming the update, when the lockfile installs one; 17.3 and a --postbuild of its own pass', () => {
    for (const [manager, lock] of Object.entries(locks('17.2.3'))) {
      let error: unknown;
      try {
        layoutOf(withLock(lock));
      } catch (caught) {
        error = caught;
      }
      expect(error, manager).toBeInstanceOf(LayoutError);
      expect((error as LayoutError).message).toMatch(/build-angular 17\.2\.3, whose application builder has no --deploy-url.*ng update @angular\/cli@17 @angular\/core@17.*--postbuild/);
      expect(layoutOf(withLock(lock), 'npm run build:cdn').client?.tool, manager).toBe('angular');
    }
    for (const [manager, lock] of Object.entries(locks('17.3.17'))) expect(layoutOf(withLock(lock)).client?.dist, manager).toBe('client/dist/client/browser');
    // No lockfile: a range that can only install 17.0-17.2 is refused; ^17.2.0 installs 17.3+.
    const unlocked = (range: string) => {
      const files = repo(builder, { ...NG17, '@angular-devkit/build-angular': range });
      delete files['client/package-lock.json'];
      return files;
    };
    expect(() => layoutOf(unlocked('~17.1.0'))).toThrow(/no --deploy-url/);
    expect(() => layoutOf(unlocked('17.0.9'))).toThrow(/no --deploy-url/);
    expect(layoutOf(unlocked('^17.1.0')).client?.tool).toBe('angular');
    // The browser builders of the same release have deployUrl.
    expect(layoutOf({ ...withLock(locks('17.2.3').npm), 'client/angular.json': angularJson('@angular-devkit/build-angular:browser-esbuild', { outputPath: 'dist/client' }) }).client?.dist).toBe('client/dist/client');
  });
});
