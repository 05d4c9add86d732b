// Which buildpacks the stored layout needs on the app, and the commands that get it there without
// ever leaving the app half on one layout and half on the other.
import { officialBuildpackList, OFFICIAL_BUILDPACKS } from '../heroku-build/official.js';
import type { DeployLayout } from '../options.js';
import { BUILDPACKS } from '../versions.js';
import type { PlannedCommand } from './types.js';

/**
 * The app's buildpacks in order. Official: heroku/nodejs only when the root has a package.json (the
 * Node.js buildpack fails to detect without one), then heroku/python.
 */
export function desiredBuildpacks(layout: DeployLayout, hasRootPackageJson: boolean): string[] {
  return layout === 'official' ? officialBuildpackList(hasRootPackageJson) : [BUILDPACKS.subdir];
}

const REGISTRY_BLOB = /^https:\/\/(?:buildpack-registry|codon-buildpacks)\.s3\.amazonaws\.com\/buildpacks\/([\w-]+\/[\w-]+)\.tgz$/;
const OFFICIAL_REPO = /^https:\/\/github\.com\/heroku\/heroku-buildpack-(nodejs|python)(?:\.git)?$/;

/**
 * One name for the forms the API and CLI show a buildpack in: `heroku/python`,
 * `urn:buildpack:heroku/python`, the registry's blob URL, or the buildpack's GitHub repository.
 */
export function buildpackName(buildpack: string): string {
  const bare = buildpack.replace(/^urn:buildpack:/, '');
  const blob = REGISTRY_BLOB.exec(bare);
  if (blob) return blob[1];
  const repo = OFFICIAL_REPO.exec(bare);
  return repo ? `heroku/${repo[1]}` : bare;
}

const OFFICIAL_NAMES: readonly string[] = [OFFICIAL_BUILDPACKS.nodejs, OFFICIAL_BUILDPACKS.python];
const isSubdir = (buildpack: string) => buildpack.split('#')[0] === BUILDPACKS.subdir.split('#')[0];

/** The layout an app's buildpack list belongs to, for messages; null for anything else. */
export function layoutOf(current: readonly string[]): DeployLayout | null {
  if (current.some(isSubdir)) return 'subdir';
  if (current.length > 0 && current.every((bp) => OFFICIAL_NAMES.includes(buildpackName(bp)))) return 'official';
  return null;
}

function command(args: string[], description: string, notes: string[] = []): PlannedCommand {
  return { step: 'set-buildpack', program: 'heroku', args, description, kind: 'change', secrets: [], notes };
}

/** The flag `apps:create` takes for the first buildpack; the rest are added right after. */
export function createAppBuildpacks(desired: readonly string[], app: string): { flag: string[]; after: PlannedCommand[] } {
  const [first, ...rest] = desired;
  return { flag: ['--buildpack', first], after: rest.map((bp) => addBuildpack(bp, app)) };
}

function addBuildpack(buildpack: string, app: string): PlannedCommand {
  return command(['buildpacks:add', buildpack, '-a', app], `Add the buildpack ${buildpack} after the ones already set`);
}

/**
 * The commands from the app's buildpacks to the desired ones, in order; none when they match. A list
 * that the desired one only continues (a run stopped after `buildpacks:add heroku/nodejs`) is
 * completed; any other list is cleared and rebuilt, all planned and shown before the first runs.
 */
export function planBuildpacks(current: readonly string[], desired: readonly string[], app: string): PlannedCommand[] {
  const have = current.map(buildpackName);
  const want = desired.map(buildpackName);
  if (have.length === want.length && have.every((name, i) => name === want[i])) return [];
  if (desired.length === 1 && isSubdir(desired[0])) return setSubdir(current, desired[0], app);
  if (have.every((name, i) => name === want[i])) return desired.slice(have.length).map((bp) => addBuildpack(bp, app));
  const was = layoutOf(current);
  const replaced = `${current.join(', ')}${was ? ` (the ${was} layout)` : ''}`;
  return [
    command(['buildpacks:clear', '-a', app], `Clear the buildpacks (${replaced}) to set ${desired.join(' then ')}`, [
      'The next commands add them back in order before anything is deployed; a failure in between is completed by a re-run.',
    ]),
    ...desired.map((bp) => addBuildpack(bp, app)),
  ];
}

function setSubdir(current: readonly string[], buildpack: string, app: string): PlannedCommand[] {
  const official = current.some((bp) => OFFICIAL_NAMES.includes(buildpackName(bp)));
  // Buildpacks of the user's own after subdir are theirs to keep; the official layout's are not.
  if (current[0] === buildpack && !official) return [];
  const set = command(['buildpacks:set', buildpack, '-a', app], 'Set the subdir buildpack (it runs the buildpacks listed in .buildpacks)');
  // `buildpacks:set` refuses a URL already in the list, and replaces only the first one: a list that
  // holds the subdir buildpack elsewhere, or the official layout's buildpacks, is cleared first.
  if (current.includes(buildpack) || (current.length > 1 && official)) {
    return [command(['buildpacks:clear', '-a', app], `Clear the buildpacks (${current.join(', ')})`), set];
  }
  if (current.length > 1) {
    set.notes.push(`It replaces ${current[0]}; ${current.slice(1).join(', ')} stay after it — remove them with \`heroku buildpacks:remove\` if .buildpacks already lists them.`);
  }
  return [set];
}
