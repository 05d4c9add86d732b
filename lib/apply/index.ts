// The one write path: every generator and the bin's fast path hand their file changes here. Everything
// is decided and checked first (decide.ts, pure); then the journal is written, then the files, each
// through a temporary file renamed into place, so no file is ever half-written.
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmdirSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decideWrites } from './decide.js';
import { ApplyError, explainSystemError } from './errors.js';
import { inside, locate, type Located } from './inspect.js';
import { checkNotRunning, JOURNAL, newJournal, readJournal, removeJournal, sha256, undoRun, writeJournal, type JournalEntry } from './journal.js';
import type { Conflict, FileChange } from './types.js';

export { ApplyError } from './errors.js';
export { JOURNAL } from './journal.js';
export type { Conflict, FileChange } from './types.js';

export interface ApplyOptions {
  /** --force: a file that differs from ours is replaced without asking. */
  force?: boolean;
  /** Asks whether to replace a file the plan did not announce; absent without a terminal, which then refuses. */
  ask?: (conflict: Conflict) => Promise<boolean>;
  log?: (line: string) => void;
}

export interface ApplyResult {
  written: FileChange[];
  identical: string[];
  /** Files the user chose to keep when asked. */
  kept: string[];
}

const LABELS: Record<FileChange['action'], string> = { create: 'create', update: 'update', 'add-lines': 'add to' };

/** What the report says of a write: a missing file is created whatever the plan called it. */
const label = (change: FileChange, { state }: Located, forced: boolean): string =>
  forced ? 'force' : state.kind === 'missing' ? 'create' : LABELS[change.action];

// Tests only: names one file whose write fails (as a disk error would), to prove the undo.
const FAIL_WRITE = 'GENERATOR_DJANGO_MONOREPO_TEST_FAIL_WRITE';

/** The real path of a folder that may not exist yet: its deepest existing ancestor, resolved, plus the rest. */
function realFolder(folder: string): string {
  const absolute = path.resolve(folder);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = path.dirname(absolute);
  return parent === absolute ? absolute : path.join(realFolder(parent), path.basename(absolute));
}

function deepestExisting(folder: string): string {
  return existsSync(folder) ? folder : deepestExisting(path.dirname(folder));
}

/**
 * Undoes a run that was killed or failed half-way (its journal is still there), so that this run
 * starts from the state before it. Returns the files it put back. Call before reading the folder.
 */
export function recoverInterruptedRun(root: string, log: (line: string) => void = () => {}): string[] {
  if (!existsSync(root) || !statSync(root).isDirectory()) return [];
  const realRoot = realpathSync(root);
  const journal = readJournal(realRoot);
  if (!journal) return [];
  checkNotRunning(journal);
  undoRun(realRoot, journal);
  log(`An interrupted run (${journal.startedAt}) was undone: ${journal.files.length} file(s) put back as they were.`);
  return journal.files.map((entry) => path.join(realRoot, entry.path));
}

export async function applyChanges(root: string, changes: readonly FileChange[], options: ApplyOptions = {}): Promise<ApplyResult> {
  const log = options.log ?? (() => {});
  const realRoot = realFolder(root);
  if (existsSync(path.join(realRoot, JOURNAL))) {
    throw new ApplyError(`${JOURNAL} is left from an interrupted run: run the generator again to undo it first.`);
  }
  const located = new Map<string, Located>(changes.map((change) => [change.path, locate(realRoot, change.path)]));
  const decision = decideWrites(realRoot, changes, (file) => located.get(file)!.state);
  if (decision.refusals.length > 0) {
    const more = decision.refusals.length > 1 ? ` (and ${decision.refusals.length - 1} more)` : '';
    throw new ApplyError(`${decision.refusals[0]}${more} Nothing was written.`);
  }
  const writes = [...decision.writes];
  const kept: string[] = [];
  const asked = options.force ? [] : decision.conflicts;
  if (options.force) writes.push(...decision.conflicts.map((c) => c.change));
  else if (asked.length > 0 && !options.ask) {
    const [first] = asked;
    const more = asked.length > 1 ? ` (and ${asked.length - 1} more: ${asked.slice(1).map((c) => c.path).join(', ')})` : '';
    throw new ApplyError(
      `${first.path} differs from what the generator writes (${first.summary})${more}, and the plan did not announce replacing it: ` +
        'run again with --force to replace it, or in a terminal to be asked. Nothing was written.',
    );
  } else {
    for (const conflict of asked) {
      if (await options.ask!(conflict)) writes.push(conflict.change);
      else kept.push(conflict.path);
    }
  }
  for (const file of decision.identical) log(`identical ${file}`);
  for (const file of kept) log(`     keep ${file}`);
  if (writes.length === 0) return { written: [], identical: decision.identical, kept };

  checkRoom(realRoot, writes, located);
  writeAll(realRoot, writes, located);
  for (const change of writes) log(`${label(change, located.get(change.path)!, decision.conflicts.some((c) => c.change === change)).padStart(9)} ${change.path}`);
  return { written: writes, identical: decision.identical, kept };
}

/** Permission, read-only and free-space problems that can be known before the first write. */
function checkRoom(realRoot: string, writes: readonly FileChange[], located: Map<string, Located>): void {
  const folders = new Set(writes.map((change) => deepestExisting(path.dirname(located.get(change.path)!.realFile))));
  for (const folder of folders) {
    try {
      accessSync(folder, constants.W_OK | constants.X_OK);
    } catch (error) {
      // A folder inside the project is named as the user knows it; the project folder or above, in full.
      const shown = inside(realRoot, folder) && folder !== realRoot ? path.relative(realRoot, folder) : folder;
      throw explainSystemError(error, shown, 'nothing was written');
    }
  }
  // New contents, a copy of each replaced file in the journal (base64), and a block per file.
  const needed = writes.reduce((sum, change) => {
    const { state } = located.get(change.path)!;
    const before = state.kind === 'file' ? Buffer.byteLength(state.contents) * 1.4 : 0;
    return sum + Buffer.byteLength(change.contents) + before + 4096;
  }, 4096);
  const disk = statfsSync(deepestExisting(realRoot));
  if (disk.bavail * disk.bsize < needed) {
    throw new ApplyError(`No space left on the disk holding ${realRoot}: ${Math.ceil(needed / 1024)} KB are needed; free some space and run again (nothing was written).`);
  }
}

function writeAll(realRoot: string, writes: readonly FileChange[], located: Map<string, Located>): void {
  const createdRoot = !existsSync(realRoot);
  if (createdRoot) {
    try {
      mkdirSync(realRoot, { recursive: true });
    } catch (error) {
      throw explainSystemError(error, realRoot, 'nothing was written');
    }
  }
  const relative = (file: string) => path.relative(realRoot, file);
  const folders = [...new Set(writes.flatMap((change) => located.get(change.path)!.missingFolders))];
  const entries: JournalEntry[] = writes.map((change, i) => {
    const { realFile, state } = located.get(change.path)!;
    if (!inside(realRoot, realFile)) throw new ApplyError(`${change.path} resolves outside the project: nothing was written.`);
    const before = state.kind === 'file' ? readFileSync(realFile) : null;
    return {
      path: relative(realFile),
      temp: relative(path.join(path.dirname(realFile), `.django-monorepo-${i}.tmp`)),
      before: before?.toString('base64') ?? null,
      mode: before ? statSync(realFile).mode & 0o7777 : null,
      after: sha256(change.contents),
    };
  });
  const journal = newJournal(createdRoot, folders.map(relative), entries);
  let current = writes[0].path;
  try {
    writeJournal(realRoot, journal);
    for (const folder of folders) mkdirSync(folder, { recursive: true });
    writes.forEach((change, i) => {
      current = change.path;
      const entry = entries[i];
      if (process.env[FAIL_WRITE] === change.path) throw Object.assign(new Error(`injected failure writing ${change.path}`), { code: 'EIO' });
      const temp = path.join(realRoot, entry.temp);
      writeFileSync(temp, change.contents);
      if (entry.mode !== null) chmodSync(temp, entry.mode);
      renameSync(temp, path.join(realRoot, entry.path));
    });
    removeJournal(realRoot);
  } catch (error) {
    let outcome = 'the run was undone: nothing changed';
    try {
      // Without a journal on disk nothing else was written; only a folder this run made is left to remove.
      if (existsSync(path.join(realRoot, JOURNAL))) undoRun(realRoot, journal);
      else if (createdRoot) {
        rmSync(path.join(realRoot, `${JOURNAL}.tmp`), { force: true });
        rmdirSync(realRoot);
      }
    } catch (undoError) {
      outcome = `undoing it failed too (${(undoError as Error).message}); the next run undoes it`;
    }
    throw explainSystemError(error, current, outcome);
  }
}
