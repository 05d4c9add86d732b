import { parseJsonFile } from '../json.js';
import type { RepoReader } from './fs.js';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// A version as lockfiles write it, prerelease included, without pnpm's peer suffixes.
const VERSION = String.raw`(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)`;

/**
 * The version of a package a lockfile installs at the top of node_modules (what the Node.js buildpack
 * will build with), or undefined when the lockfile does not name it or cannot be read.
 */
export function lockedVersion(repo: RepoReader, lockFile: string | null, name: string): string | undefined {
  const text = lockFile ? repo.read(lockFile) : undefined;
  return lockFile === null || text === undefined ? undefined : versionsInLock(lockFile, text, name)[0];
}

/** Every version of a package a lockfile installs, the top-level one first; [] when it names none or cannot be read. */
export function versionsInLock(lockFile: string, text: string, name: string): string[] {
  if (/(?:package-lock|npm-shrinkwrap)\.json$/.test(lockFile)) {
    try {
      const lock = parseJsonFile(text) as { packages?: Record<string, { version?: string }>; dependencies?: Record<string, { version?: string }> };
      // lockfileVersion 2 and 3 list node_modules paths (nested copies too); version 1 only `dependencies`.
      const nested = Object.entries(lock.packages ?? {}).filter(([where]) => where.endsWith(`node_modules/${name}`) && where !== `node_modules/${name}`);
      const found = [lock.packages?.[`node_modules/${name}`]?.version ?? lock.dependencies?.[name]?.version, ...nested.map(([, entry]) => entry.version)];
      return found.filter((version): version is string => version !== undefined);
    } catch {
      return [];
    }
  }
  const key = escape(name);
  const pattern = lockFile.endsWith('yarn.lock')
    ? // yarn 1: `"name@^1.2.0":` then `  version "1.2.3"`; Berry: `"name@npm:^1.2.0":` then `  version: 1.2.3`.
      new RegExp(`^"?${key}@[^\\n]*:\\n(?:[ \\t]+[^\\n]*\\n)*?[ \\t]+version:? "?${VERSION}`, 'gm')
    : // pnpm 9: `name@1.2.3:` or `'@scope/name@1.2.3':`; pnpm 6-8: `/name@1.2.3:`; pnpm 5: `/name/1.2.3:`.
      new RegExp(`^[ \\t]*'?/?${key}[@/]${VERSION}`, 'gm');
  return [...text.matchAll(pattern)].map((match) => match[1]);
}
