// Create React App and Vue CLI clients as their own tools leave them (issue 12, item 7; the corpus in
// test/corpus/cra-vuecli.test.ts builds them for real).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFsFromVolume, Volume } from 'memfs';
import { afterAll, describe, expect, it } from 'vitest';
import { detectLayout, type DetectFs } from '../../lib/detect/index.js';
import { planRetrofit } from '../../lib/plan/retrofit.js';
import { HASHED_NAMES, webpack4Step } from '../../lib/plan/retrofit-client.js';
import { djangoProject, packageJson, settingsPy, type RepoFiles } from '../fixtures/retrofit/layouts.js';

const repo = (client: RepoFiles): RepoFiles => ({
  ...djangoProject('backend', 'app', 'app.settings'),
  'backend/app/settings.py': settingsPy('app.urls'),
  'backend/requirements.txt': 'Django==5.2.12\n',
  'client/package-lock.json': '{}\n',
  ...client,
});
const layoutOf = (files: RepoFiles) => detectLayout(createFsFromVolume(Volume.fromJSON(files, '/repo')) as unknown as DetectFs, '/repo');
const planFor = (files: RepoFiles) => planRetrofit(layoutOf(files), (file) => files[file], { projectName: 'corpus' });

describe('Create React App', () => {
  const cra = (scripts: Record<string, string>, extra: RepoFiles = {}) => repo({ 'client/package.json': packageJson(scripts, { 'react-scripts': '5.0.1' }), ...extra });

  it('builds into BUILD_PATH as react-scripts reads it: the script, then .env.production, then .env', () => {
    const dotEnv = { 'client/.env': 'BUILD_PATH=from-env\n', 'client/.env.production': 'GENERATE_SOURCEMAP=false\nBUILD_PATH=from-production\n' };
    expect(layoutOf(cra({ build: 'react-scripts build' })).client?.dist).toBe('client/build');
    expect(layoutOf(cra({ build: 'react-scripts build' }, { 'client/.env': 'BUILD_PATH=from-env\n' })).client?.dist).toBe('client/from-env');
    expect(layoutOf(cra({ build: 'react-scripts build' }, dotEnv)).client?.dist).toBe('client/from-production');
    expect(layoutOf(cra({ build: 'BUILD_PATH=out react-scripts build' }, dotEnv)).client?.dist).toBe('client/out');
    // The form CRA's own docs show, quoted.
    expect(layoutOf(cra({ build: "BUILD_PATH='./dist' react-scripts build" })).client?.dist).toBe('client/dist');
    // Uncommitted on a developer's machine only: Heroku's build never sees it.
    expect(layoutOf(cra({ build: 'react-scripts build' }, { 'client/.env.production.local': 'BUILD_PATH=local\n' })).client?.dist).toBe('client/build');
  });

  it('caches for good the names react-scripts hashes, media included, and nothing copied from public/', () => {
    const hashed = new RegExp(HASHED_NAMES['create-react-app']);
    // What react-scripts 5.0.1 built with PUBLIC_URL=/static/ in the corpus; 4.x hashes media with 8 hex.
    for (const url of ['/static/static/js/main.f3797dad.js', '/static/static/js/453.1a6e6ba9.chunk.js', '/static/static/css/main.f855e6bc.css', '/static/static/media/logo.6ce24c58023cc2f8fd88fe9d219db6c6.svg', '/static/static/media/font.8c1b2e4f.woff2']) {
      expect(url).toMatch(hashed);
    }
    for (const url of ['/static/logo192.png', '/static/manifest.json', '/static/index.html', '/static/static/js/main.f3797dad.js.LICENSE.txt']) expect(url).not.toMatch(hashed);
  });

  it('points the build at /static/ with PUBLIC_URL', () => {
    const plan = planFor(cra({ build: 'react-scripts build' }));
    expect(plan.changes.find((c) => c.path === 'client/package.json')?.contents).toContain('"heroku-postbuild": "PUBLIC_URL=/static/ npm run build"');
  });
});

describe('the Vue CLI wrapper config, run by Node as Vue CLI loads it', () => {
  const folders: string[] = [];
  afterAll(() => {
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  const wrapper = (cliService = '~5.0.0') => {
    const files = repo({ 'client/package.json': packageJson({ build: 'vue-cli-service build' }, { '@vue/cli-service': cliService }) });
    return planFor(files).changes.find((c) => c.path === 'client/vue.config.heroku.cjs')!.contents;
  };
  /** The options Vue CLI gets from the wrapper next to the user's own files (a promise of { default } is awaited). */
  function loaded(own: RepoFiles, pkg: Record<string, unknown> = {}, cliService?: string): unknown {
    const dir = mkdtempSync(path.join(tmpdir(), 'vue-wrapper-'));
    folders.push(dir);
    writeFileSync(path.join(dir, 'vue.config.heroku.cjs'), wrapper(cliService));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'client', ...pkg }));
    for (const [name, text] of Object.entries(own)) writeFileSync(path.join(dir, name), text);
    const script = 'Promise.resolve(require(process.argv[1])).then((c) => process.stdout.write(JSON.stringify(c)))';
    return JSON.parse(execFileSync(process.execPath, ['-e', script, path.join(dir, 'vue.config.heroku.cjs')], { encoding: 'utf8' }));
  }

  it("keeps the user's options and replaces their base path, whatever form the config takes", () => {
    expect(loaded({ 'vue.config.js': "module.exports = { outputDir: 'spa', publicPath: '/app/' };\n" })).toEqual({ outputDir: 'spa', publicPath: '/static/' });
    expect(loaded({ 'vue.config.js': "module.exports = () => ({ lintOnSave: false, baseUrl: '/old/' });\n" })).toEqual({ lintOnSave: false, publicPath: '/static/' });
    expect(loaded({ 'vue.config.cjs': "module.exports = { outputDir: 'from-cjs' };\n" })).toEqual({ outputDir: 'from-cjs', publicPath: '/static/' });
    expect(loaded({}, { vue: { outputDir: 'from-package' } })).toEqual({ outputDir: 'from-package', publicPath: '/static/' });
    expect(loaded({})).toEqual({ publicPath: '/static/' });
  });

  it('hands Vue CLI 5 an ES module config the way it awaits one', () => {
    expect(loaded({ 'vue.config.mjs': "export default { outputDir: 'from-mjs' };\n" })).toEqual({ default: { outputDir: 'from-mjs', publicPath: '/static/' } });
    expect(loaded({ 'vue.config.js': "export default () => ({ outputDir: 'typed' });\n" }, { type: 'module' })).toEqual({ default: { outputDir: 'typed', publicPath: '/static/' } });
  });

  it('names the base path baseUrl for Vue CLI before 3.3, which rejects publicPath', () => {
    expect(loaded({ 'vue.config.js': "module.exports = { baseUrl: '/app/' };\n" }, {}, '~3.0.5')).toEqual({ baseUrl: '/static/' });
  });
});

describe('webpack 4 on the Node Heroku installs', () => {
  // As each manager records the webpack it installed (npm 7+, npm 6, yarn 1, Yarn Berry, pnpm 9).
  const locks = (version: string): Array<[string, string]> => [
    ['client/package-lock.json', `{\n  "packages": {\n    "node_modules/webpack": {\n      "version": "${version}",\n      "dev": true\n    }\n  }\n}\n`],
    ['client/package-lock.json', `{\n  "dependencies": {\n    "webpack": {\n      "version": "${version}",\n      "dev": true\n    }\n  }\n}\n`],
    ['client/yarn.lock', `"webpack@^4.0.0", webpack@^4.46.0:\n  version "${version}"\n  resolved "https://registry.yarnpkg.com/webpack/-/webpack-${version}.tgz"\n`],
    ['client/yarn.lock', `"webpack@npm:^4.0.0":\n  version: ${version}\n  resolution: "webpack@npm:${version}"\n`],
    ['client/pnpm-lock.yaml', `packages:\n\n  webpack@${version}:\n    resolution: {integrity: sha512-x}\n`],
  ];
  const vue4 = { tool: 'vue-cli', toolVersion: '4.5.0', dir: 'client' } as const;
  const step = (client: Omit<Parameters<typeof webpack4Step>[0], 'lockFile'>, lock?: [string, string]) => webpack4Step({ lockFile: lock?.[0] ?? null, ...client }, lock?.[1]);

  it('says how to fix a lockfile webpack 4 older than 4.47, whatever the manager', () => {
    for (const lock of locks('4.46.0')) expect(step(vue4, lock), lock[0]).toContain('ERR_OSSL_EVP_UNSUPPORTED');
    for (const lock of locks('4.47.0')) expect(step(vue4, lock), lock[0]).toBeUndefined();
    expect(step(vue4)).toContain('update webpack to 4.47 or later');
  });

  it('counts every webpack the lockfile installs: an old copy nested under a package still fails', () => {
    const nested = `{\n  "packages": {\n    "node_modules/webpack": { "version": "4.47.0" },\n    "node_modules/@vue/cli-service/node_modules/webpack": { "version": "4.46.0" }\n  }\n}\n`;
    expect(step(vue4, ['client/package-lock.json', nested])).toContain('ERR_OSSL_EVP_UNSUPPORTED');
  });

  it('names the react-scripts upgrade for CRA 4, and nothing for the webpack 5 lines', () => {
    const cra4 = step({ tool: 'create-react-app', toolVersion: '4.0.3', dir: 'client' }, locks('4.44.2')[0]);
    expect(cra4).toContain('react-scripts 4 in client/');
    expect(cra4).toContain('upgrade to react-scripts 5, or run the build with NODE_OPTIONS=--openssl-legacy-provider');
    expect(step({ tool: 'create-react-app', toolVersion: '5.0.1', dir: 'client' })).toBeUndefined();
    expect(step({ tool: 'vue-cli', toolVersion: '5.0.0', dir: 'client' })).toBeUndefined();
    expect(step({ tool: 'webpack', toolVersion: '4.44.2', dir: 'client' })).toBeUndefined();
  });

  it('names the Nuxt upgrade only for a locked Nuxt 2 before 2.16.2 with a webpack before 4.47', () => {
    const nuxt2 = { tool: 'nuxt', toolVersion: '2.15.8', dir: 'client' } as const;
    const yarnLock = (config: string, webpack: string): [string, string] => [
      'client/yarn.lock',
      `"@nuxt/config@${config}":\n  version "${config}"\n\nwebpack@^4.46.0:\n  version "${webpack}"\n`,
    ];
    expect(step(nuxt2, yarnLock('2.15.8', '4.46.0'))).toContain('Nuxt 2.15.8 in client/ builds with a webpack 4 older than 4.47');
    expect(step(nuxt2, yarnLock('2.15.8', '4.46.0'))).toContain('update nuxt to 2.16.2 or later');
    // Measured on Node 20: Nuxt 2.18.1 generates with its webpack forced to 4.46.0 (patchMD4).
    expect(step(nuxt2, yarnLock('2.18.1', '4.46.0'))).toBeUndefined();
    expect(step(nuxt2, yarnLock('2.16.2', '4.46.0'))).toBeUndefined();
    expect(step(nuxt2, yarnLock('2.15.8', '4.47.0'))).toBeUndefined();
    expect(step(nuxt2)).toBeUndefined();
    expect(step({ tool: 'nuxt', toolVersion: '3.21.11', dir: 'client' }, yarnLock('2.15.8', '4.46.0'))).toBeUndefined();
  });

  it('is a step of the plan for a CRA 4 repo', () => {
    const files = repo({ 'client/package.json': packageJson({ build: 'react-scripts build' }, { 'react-scripts': '4.0.3' }), 'client/package-lock.json': locks('4.44.2')[0][1] });
    expect(planFor(files).nextSteps.join('\n')).toContain('react-scripts 4 in client/ builds with a webpack 4 older than 4.47');
  });
});
