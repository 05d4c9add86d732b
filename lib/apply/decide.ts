import { countLineChanges, describeLineChanges } from './line-changes.js';
import type { FileChange, PathState, WriteDecision } from './types.js';

// Linux's limits: a file name of 255 bytes, a path of 4095 bytes (PATH_MAX counts the final NUL).
export const NAME_MAX = 255;
export const PATH_MAX = 4095;

const bytes = (text: string): number => Buffer.byteLength(text);

/** A refusal for a path the file system cannot hold, before anything is written. */
export function lengthProblem(root: string, file: string): string | undefined {
  const long = file.split('/').find((segment) => bytes(segment) > NAME_MAX);
  if (long) return `${file}: the name "${long.slice(0, 40)}…" is ${bytes(long)} bytes, over the file system's ${NAME_MAX}: choose a shorter name.`;
  const full = `${root}/${file}`;
  if (bytes(full) > PATH_MAX) return `${file}: its full path is ${bytes(full)} bytes, over the file system's ${PATH_MAX}: choose a shorter folder or name.`;
  return undefined;
}

/**
 * Decides every write of a run from the disk as it is: identical files are left alone (so a re-run
 * writes nothing), announced edits are written, a `create` that would replace a different file is a
 * conflict, and links out of the project, folders in the way and impossible lengths are refusals.
 */
export function decideWrites(root: string, changes: readonly FileChange[], state: (file: string) => PathState): WriteDecision {
  const decision: WriteDecision = { writes: [], identical: [], conflicts: [], refusals: [] };
  for (const change of changes) {
    const tooLong = lengthProblem(root, change.path);
    if (tooLong) {
      decision.refusals.push(tooLong);
      continue;
    }
    const found = state(change.path);
    switch (found.kind) {
      case 'outside-link':
        decision.refusals.push(
          `${found.link} is a link to ${found.target}, outside the project; ${change.path} would be written through it: replace the link with a file, or remove it.`,
        );
        break;
      case 'parent-is-file':
        decision.refusals.push(`${found.blocker} is a file, but ${change.path} needs it to be a folder: move it away and run again.`);
        break;
      case 'folder':
        decision.refusals.push(`${change.path} is a folder, where a file goes: move it away and run again.`);
        break;
      case 'missing':
        decision.writes.push(change);
        break;
      case 'file':
        if (found.contents === change.contents) decision.identical.push(change.path);
        else if (change.action === 'create') {
          decision.conflicts.push({ path: change.path, summary: describeLineChanges(countLineChanges(found.contents, change.contents)), change });
        } else decision.writes.push(change);
        break;
    }
  }
  return decision;
}
