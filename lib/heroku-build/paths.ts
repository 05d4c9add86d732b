import type { BuildApp, BuildTree } from './types.js';

/** `name` inside the app folder `dir` ('' is the repository root). */
export function inApp(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/** How users see a folder in a message: `backend/`, or `the repository root`. */
export function folderName(dir: string): string {
  return dir === '' ? 'the repository root' : `${dir}/`;
}

export function hasFile(tree: BuildTree, path: string): boolean {
  return tree.files.includes(path);
}

/** True when the tree holds any file below `dir` (the root always exists). */
export function hasFolder(tree: BuildTree, dir: string): boolean {
  if (dir === '') return true;
  const prefix = `${dir}/`;
  return tree.files.some((file) => file.startsWith(prefix));
}

export function appsOf(apps: readonly BuildApp[], buildpack: BuildApp['buildpack']): BuildApp[] {
  return apps.filter((app) => app.buildpack === buildpack);
}
