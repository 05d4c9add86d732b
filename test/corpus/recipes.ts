/**
 * The corpus: repos made in the tests by the real tools (django-admin from each Django line, create-vite,
 * webpack, esbuild, rollup, uv, pipenv, poetry, npm/yarn/pnpm), in the shapes real repos have. Each one is
 * retrofitted, committed and deployed as Heroku would build it; a refused one must deploy with the flags
 * its refusal names.
 */

export type DjangoLine = '3.2.25' | '4.2.20' | '5.2.12';

export type Backend =
  /** requirements.txt naming Django. */
  | { deps: 'requirements' }
  /** requirements.txt that only includes requirements/production.txt -> base.txt (`-r`). */
  | { deps: 'split' }
  /** requirements.in compiled with `uv pip compile --generate-hashes`. */
  | { deps: 'hashed' }
  | { deps: 'pipenv' }
  | { deps: 'uv' }
  /**
   * pyproject.toml + poetry.lock from `poetry init` and `poetry add` (Poetry 2: a [project] table);
   * `exported`: also the hash-pinned requirements.txt of `poetry export`, committed beside the lock.
   */
  | { deps: 'poetry'; exported?: boolean };

export type Client =
  | { tool: 'vite'; template: 'vanilla' | 'react' | 'vue' | 'svelte'; config?: string }
  | { tool: 'webpack'; script: 'build' | 'build-prod' }
  | { tool: 'esbuild' }
  /** Hand-written public/index.html loading /build/bundle.js (the Svelte rollup template's shape). */
  | { tool: 'rollup' }
  /** Vite building entry scripts with a manifest for Django templates (django-vite): no index.html. */
  | { tool: 'django-vite' }
  /**
   * A client made by a framework's own CLI (create-react-app, Vue CLI, Angular CLI, Nuxt): `make` runs it
   * in the repo and leaves client/ with its package.json and the manager's lockfile.
   */
  | { tool: 'framework'; label: string; make: (repo: string, manager: PackageManager, env: NodeJS.ProcessEnv) => Promise<void> };

export type PackageManager = 'npm' | 'yarn' | 'yarn-berry' | 'pnpm';

export interface Recipe {
  name: string;
  django: DjangoLine;
  /** A settings package (settings/base.py + development.py) instead of startproject's settings.py. */
  settingsPackage?: boolean;
  backend: Backend;
  client: Client;
  packageManager: PackageManager;
  /** Files the user's repo holds besides what the tools made (root heroku-postbuild, .gitignore...). */
  extraFiles?: Record<string, string>;
  /** Lines appended to the user's settings (a storage of their own, say). */
  settingsLines?: string;
  /** The first retrofit is refused with a message naming these flags; with them it deploys. */
  refusedUntil?: string[];
  /** The first retrofit is refused with a message naming `names`; this command (in backend/) and a commit make it deploy. */
  refusedUntilCommand?: { names: string; command: string; args: string[] };
  /** Flags given from the start. */
  flags?: string[];
  /** A command the retrofit's "Still to do" names, which the user runs before committing. */
  userStep?: { names: string; command: string; args: string[] };
  /** The build emits index.html (the SPA catch-all serves it); false: Django's own pages. */
  index: boolean;
}

const VITE_DJANGO = `import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    manifest: 'manifest.json',
    outDir: 'dist',
    rollupOptions: { input: 'src/main.js' },
  },
});
`;

const VITE_BESIDE = `import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  build: {
    outDir: resolve(__dirname, '../static_build'),
    emptyOutDir: true,
  },
});
`;

export const RECIPES: Recipe[] = [
  { name: 'dj52-vite-vanilla-npm', django: '5.2.12', backend: { deps: 'requirements' }, client: { tool: 'vite', template: 'vanilla' }, packageManager: 'npm', index: true },
  { name: 'dj42-package-react-yarn1', django: '4.2.20', settingsPackage: true, backend: { deps: 'requirements' }, client: { tool: 'vite', template: 'react' }, packageManager: 'yarn', index: true },
  { name: 'dj32-split-vue-pnpm', django: '3.2.25', backend: { deps: 'split' }, client: { tool: 'vite', template: 'vue' }, packageManager: 'pnpm', index: true },
  {
    name: 'dj52-hashed-svelte-berry',
    django: '5.2.12',
    backend: { deps: 'hashed' },
    client: { tool: 'vite', template: 'svelte' },
    packageManager: 'yarn-berry',
    // Compiled for this machine's Python 3.11 (the venv the test installs into), not .python-version's.
    userStep: { names: 'uv pip compile --generate-hashes', command: 'uv', args: ['pip', 'compile', '--quiet', '--generate-hashes', '--python-version', '3.11', 'requirements.in', '-o', 'requirements.txt'] },
    index: true,
  },
  {
    name: 'dj42-pipenv-webpack-npm',
    django: '4.2.20',
    backend: { deps: 'pipenv' },
    client: { tool: 'webpack', script: 'build' },
    packageManager: 'npm',
    userStep: { names: 'pipenv lock', command: 'pipenv', args: ['lock'] },
    index: true,
  },
  {
    name: 'dj52-uv-esbuild-npm',
    django: '5.2.12',
    settingsPackage: true,
    backend: { deps: 'uv' },
    client: { tool: 'esbuild' },
    packageManager: 'npm',
    userStep: { names: 'uv lock', command: 'uv', args: ['lock', '--quiet'] },
    index: false,
  },
  { name: 'dj52-django-vite-npm', django: '5.2.12', backend: { deps: 'requirements' }, client: { tool: 'django-vite' }, packageManager: 'npm', index: false },
  {
    name: 'dj42-rollup-public-refused',
    django: '4.2.20',
    backend: { deps: 'requirements' },
    client: { tool: 'rollup' },
    packageManager: 'npm',
    refusedUntil: ['--postbuild', 'npm run build', '--client-dist', 'public'],
    index: true,
  },
  {
    name: 'dj52-root-postbuild-refused',
    django: '5.2.12',
    backend: { deps: 'requirements' },
    client: { tool: 'vite', template: 'vanilla' },
    packageManager: 'npm',
    extraFiles: { 'package.json': `${JSON.stringify({ name: 'site', private: true, scripts: { 'heroku-postbuild': 'cd client && npm ci && npm run build' } }, null, 2)}\n` },
    // Without --buildpacks, --yes keeps the existing deploy (the official layout); asked for subdir, it refuses.
    flags: ['--buildpacks', 'subdir'],
    refusedUntil: ['--replace-pipeline'],
    index: true,
  },
  {
    name: 'dj32-runtime38-gitignored-vanilla',
    django: '3.2.25',
    backend: { deps: 'requirements' },
    client: { tool: 'vite', template: 'vanilla' },
    packageManager: 'npm',
    extraFiles: { 'runtime.txt': 'python-3.8.18\n', '.gitignore': 'node_modules/\n__pycache__/\n.python-version\n*.sqlite3\n' },
    index: true,
  },
  {
    name: 'dj52-own-storage-react-npm',
    django: '5.2.12',
    backend: { deps: 'requirements' },
    client: { tool: 'vite', template: 'react' },
    packageManager: 'npm',
    settingsLines: '\nSTORAGES = {"staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}\n',
    index: true,
  },
  { name: 'dj52-vite-beside-client-npm', django: '5.2.12', backend: { deps: 'requirements' }, client: { tool: 'vite', template: 'vanilla', config: VITE_BESIDE }, packageManager: 'npm', index: true },
  { name: 'dj42-webpack-build-prod-pnpm', django: '4.2.20', settingsPackage: true, backend: { deps: 'split' }, client: { tool: 'webpack', script: 'build-prod' }, packageManager: 'pnpm', index: true },
  {
    name: 'dj42-poetry-package-react-pnpm',
    django: '4.2.20',
    settingsPackage: true,
    backend: { deps: 'poetry' },
    client: { tool: 'vite', template: 'react' },
    packageManager: 'pnpm',
    userStep: { names: 'poetry lock', command: 'poetry', args: ['lock'] },
    index: true,
  },
  {
    name: 'dj52-poetry-export-vue-yarn1-refused',
    django: '5.2.12',
    backend: { deps: 'poetry', exported: true },
    client: { tool: 'vite', template: 'vue' },
    packageManager: 'yarn',
    // The buildpack refuses requirements.txt beside poetry.lock; without the export it installs the lock.
    refusedUntilCommand: { names: 'git rm backend/requirements.txt', command: 'git', args: ['rm', '--quiet', 'requirements.txt'] },
    userStep: { names: 'poetry lock', command: 'poetry', args: ['lock'] },
    index: true,
  },
];

export { VITE_DJANGO };
