import { parseJsonFile } from '../json.js';
import type { RepoReader } from './fs.js';

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
// A version as lockfiles write it, prerelease included, without pnpm's peer suffixes.
const VERSION = String.raw`(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)`;

/**
 * The version of a package a lockfile installs (what the Node.js buildpack will build with), or
 * undefined when the lockfile does not name it or cannot be read.
 */
export function lockedVersion(repo: RepoReader, lockFile: string | null, name: string): string | undefined {
  const text = lockFile ? repo.read(lockFile) : undefined;
  if (text === undefined || lockFile === null) return undefined;
  if (/(?:package-lock|npm-shrinkwrap)\.json$/.test(lockFile)) {
    try {
      const lock = parseJsonFile(text) as { packages?: Record<string, { version?: string }>; dependencies?: Record<string, { version?: string }> };
      // lockfileVersion 2 and 3 list node_modules paths; version 1 only `dependencies`.
      return lock.packages?.[`node_modules/${name}`]?.version ?? lock.dependencies?.[name]?.version;
    } catch {
      return undefined;
    }
  }
  const key = escape(name);
  if (lockFile.endsWith('yarn.lock')) {
    // yarn 1: `"name@^1.2.0":` then `  version "1.2.3"`; Berry: `"name@npm:^1.2.0":` then `  version: 1.2.3`.
    return new RegExp(`^"?${key}@[^\\n]*:\\n(?:[ \\t]+[^\\n]*\\n)*?[ \\t]+version:? "?${VERSION}`, 'm').exec(text)?.[1];
  }
  // pnpm 9: `name@1.2.3:` or `'@scope/name@1.2.3':`; pnpm 6-8: `/name@1.2.3:`; pnpm 5: `/name/1.2.3:`.
  return new RegExp(`^[ \\t]*'?/?${key}[@/]${VERSION}`, 'm').exec(text)?.[1];
}
