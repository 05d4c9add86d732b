import { lstatSync, readFileSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { explainSystemError } from './errors.js';
import type { PathState } from './types.js';

/** Where a planned file really goes, and which folders have to be made on the way. */
export interface Located {
  state: PathState;
  /** Absolute, through any link that stays inside the project. */
  realFile: string;
  missingFolders: string[];
}

export const inside = (root: string, file: string): boolean => file === root || file.startsWith(root + path.sep);

/**
 * Walks a planned path segment by segment with lstat, so a link anywhere on it is seen: one that stays
 * inside the project is followed, one that leads out (or nowhere) is reported, never written through.
 */
export function locate(realRoot: string, file: string): Located {
  const segments = file.split('/');
  let current = realRoot;
  for (let i = 0; i < segments.length; i++) {
    const last = i === segments.length - 1;
    const logical = segments.slice(0, i + 1).join('/');
    const next = path.join(current, segments[i]);
    let stats;
    try {
      stats = lstatSync(next);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw explainSystemError(error, file, 'nothing was written');
      const rest = segments.slice(i);
      const missingFolders = rest.slice(0, -1).map((_, j) => path.join(current, ...rest.slice(0, j + 1)));
      return { state: { kind: 'missing' }, realFile: path.join(current, ...rest), missingFolders };
    }
    let real = next;
    if (stats.isSymbolicLink()) {
      let target: string;
      try {
        target = realpathSync(next);
      } catch {
        return { state: { kind: 'outside-link', link: logical, target: `${readlinkSync(next)} (missing)` }, realFile: next, missingFolders: [] };
      }
      if (!inside(realRoot, target)) return { state: { kind: 'outside-link', link: logical, target }, realFile: next, missingFolders: [] };
      real = target;
      stats = statSync(target);
    }
    if (stats.isDirectory()) {
      if (last) return { state: { kind: 'folder' }, realFile: real, missingFolders: [] };
      current = real;
    } else if (!last) {
      return { state: { kind: 'parent-is-file', blocker: logical }, realFile: real, missingFolders: [] };
    } else {
      return { state: { kind: 'file', contents: readFileSync(real, 'utf8') }, realFile: real, missingFolders: [] };
    }
  }
  throw new Error(`empty path ${JSON.stringify(file)}`);
}
