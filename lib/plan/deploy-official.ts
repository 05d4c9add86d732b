// The retrofit's choices for the official layout (Heroku's own buildpacks at the repository root):
// which layout a repo already deploys with, and the root package.json that builds its client.
import { OFFICIAL_BUILDPACKS } from '../heroku-build/official.js';
import type { ClientApp, DetectedLayout } from '../detect/types.js';
import { LayoutError } from '../detect/types.js';
import type { DeployLayout } from '../options.js';
import { parseJsonFile } from '../json.js';

/**
 * The layout a repo already deploys with, so the retrofit does not break a working deploy: official
 * when app.json lists Heroku's own buildpacks or a root package.json builds something, and no
 * .buildpacks says otherwise. `why` is shown with the proposal.
 */
export function proposeLayout(read: (file: string) => string | undefined): { layout: DeployLayout; why: string } {
  if (read('.buildpacks') !== undefined) return { layout: 'subdir', why: '.buildpacks lists a buildpack per folder' };
  const appJson = parseJson<{ buildpacks?: { url?: string }[] }>(read('app.json'));
  const official = (appJson?.buildpacks ?? []).map((bp) => bp.url ?? '').filter((url) => url === OFFICIAL_BUILDPACKS.nodejs || url === OFFICIAL_BUILDPACKS.python);
  if (official.length > 0) return { layout: 'official', why: `app.json deploys with ${official.join(' and ')}` };
  const scripts = parseJson<{ scripts?: Record<string, string> }>(read('package.json'))?.scripts ?? {};
  const build = scripts['heroku-postbuild'] !== undefined ? 'heroku-postbuild' : scripts.build !== undefined ? 'build' : null;
  if (build) return { layout: 'official', why: `the root package.json builds with its ${build} script, as Heroku's Node.js buildpack runs it` };
  return { layout: 'subdir', why: 'the default' };
}

function parseJson<T>(text: string | undefined): T | undefined {
  if (text === undefined) return undefined;
  try {
    return parseJsonFile(text) as T;
  } catch {
    return undefined;
  }
}

/** The official layout builds what Fir can build too; Pipenv and a backend's own Poetry/uv project cannot be bridged from the root. */
export function checkOfficialRetrofit(layout: DetectedLayout): void {
  const { pythonDeps, backend, client } = layout;
  if (pythonDeps.kind === 'pipenv') {
    throw new LayoutError(`${pythonDeps.file} uses Pipenv, which Heroku's Python buildpack cannot build on Fir: pass --buildpacks subdir, or move to requirements.txt or uv first.`, 'buildpacks');
  }
  if ((pythonDeps.kind === 'poetry' || pythonDeps.kind === 'uv') && backend.dir !== '') {
    throw new LayoutError(`${pythonDeps.file} is a ${pythonDeps.kind} project in ${backend.dir}/, and the official buildpacks read ${pythonDeps.kind} only at the repository root: pass --buildpacks subdir.`, 'buildpacks');
  }
  if (client && client.dir !== '' && client.packageManager !== 'npm') {
    throw new LayoutError(`${client.dir}/ is built with ${client.packageManager}; the official layout's root build installs it with npm: pass --buildpacks subdir.`, 'buildpacks');
  }
}

/**
 * The root `heroku-postbuild` for a client in a folder: the Node.js buildpack builds with
 * NODE_ENV=production, so the client's install asks for its devDependencies (its build tools).
 */
export function rootPostbuild(client: ClientApp, clientCommand: string): string {
  const install = client.lockFile ? 'npm ci --include=dev' : 'npm install --include=dev';
  return `cd ${client.dir} && ${install} && ${clientCommand}`;
}

/** A root package.json for a repo that has none: private, the client's Node, its build, its cache. */
export function rootPackageJson(name: string, nodeVersion: string, client: ClientApp, postbuild: string): string {
  const pkg = {
    name,
    private: true,
    description: `Builds ${client.dir}/ with Heroku's Node.js buildpack; the client's own package.json is ${client.dir}/package.json.`,
    engines: { node: `${nodeVersion}.x` },
    scripts: { 'heroku-postbuild': postbuild },
    cacheDirectories: [`${client.dir}/node_modules`],
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** The lockfile of that package.json (it has no dependencies), so the buildpack runs `npm ci` at the root. */
export function rootPackageLock(name: string, nodeVersion: string): string {
  const lock = { name, lockfileVersion: 3, requires: true, packages: { '': { name, engines: { node: `${nodeVersion}.x` } } } };
  return `${JSON.stringify(lock, null, 2)}\n`;
}
