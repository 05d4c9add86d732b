import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Files under `dir` and one hash of their paths and bytes: two trees are byte-identical when both match. */
export function treeDigest(dir: string): { files: number; sha256: string } {
  const hash = createHash('sha256');
  const paths = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
  for (const path of paths) hash.update(`${path}\0`).update(readFileSync(join(dir, path))).update('\0');
  return { files: paths.length, sha256: hash.digest('hex') };
}
