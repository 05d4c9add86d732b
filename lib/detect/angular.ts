import { joinRel, type RepoReader } from './fs.js';
import { lockedVersion } from './locked-version.js';
import { LayoutError } from './types.js';

/** The build target `ng build` runs: the default project's, else the first project that has one. */
function angularBuild(repo: RepoReader, dir: string): { name?: string; build?: { builder?: string; options?: { outputPath?: unknown } } } {
  const config = repo.readJson(joinRel(dir, 'angular.json')) as
    | { defaultProject?: string; projects?: Record<string, { architect?: { build?: { builder?: string; options?: { outputPath?: unknown } } } }> }
    | undefined;
  const projects = config?.projects ?? {};
  const name = config?.defaultProject ?? Object.keys(projects).find((key) => projects[key].architect?.build) ?? Object.keys(projects)[0];
  return { name, build: name ? projects[name]?.architect?.build : undefined };
}

/**
 * The application builder of @angular-devkit/build-angular 17.0-17.2 has no deployUrl (17.3 added it;
 * @angular/build, 18+, and the browser builders have it): `ng build --deploy-url` stops there with
 * "Unknown argument: deploy-url". The lockfile says which one Heroku's build installs.
 */
export function checkAngularDeployUrl(repo: RepoReader, dir: string, lockFile: string | null, declared: Record<string, string>): void {
  if (angularBuild(repo, dir).build?.builder !== '@angular-devkit/build-angular:application') return;
  const name = '@angular-devkit/build-angular';
  const locked = lockedVersion(repo, lockFile, name);
  // Without a lock, only a range that cannot reach 17.3 (exact or ~17.x) installs an older one.
  const version = locked ?? /^[~=]?\s*(17\.[0-2]\.\d+)/.exec(declared[name] ?? '')?.[1];
  if (!version || !/^17\.[0-2]\./.test(version)) return;
  throw new LayoutError(
    `The Angular client in ${dir || 'the repo root'} builds with ${name} ${version}, whose application builder has no --deploy-url (it came in 17.3), ` +
      'so its index.html cannot load the build from /static/. Update it to 17.3 or later (`ng update @angular/cli@17 @angular/core@17`) and commit the lockfile, ' +
      'or pass --postbuild "<command>" (a build that emits assets under /static/).',
    'postbuild',
  );
}

/** The build output folder, relative to the client folder, from angular.json's build target. */
export function angularOutput(repo: RepoReader, dir: string): string {
  const { name, build } = angularBuild(repo, dir);
  if (!build) throw new LayoutError(`No build target in ${joinRel(dir, 'angular.json')}. Pass --client-dist <folder>.`, 'client-dist');
  // The application builder (Angular 17+) writes the browser bundle to <outputPath>/browser.
  const application = /:application$/.test(build.builder ?? '');
  const output = build.options?.outputPath;
  if (typeof output === 'object' && output !== null) {
    const { base, browser } = output as { base?: string; browser?: string };
    return joinRel(base ?? `dist/${name}`, browser ?? 'browser');
  }
  const base = typeof output === 'string' ? output : `dist/${name}`;
  return application ? joinRel(base, 'browser') : base;
}
