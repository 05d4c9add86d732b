// The run's journal: written (atomically, by rename) before the first file, removed after the last.
// A run killed in between leaves it behind, and the next run undoes exactly what it lists, so every
// interruption ends in the state before the run, from which the re-run writes the same bytes as an
// uninterrupted one.
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ApplyError } from './errors.js';

export const JOURNAL = '.django-monorepo-journal.json';
const WRITTEN_BY = 'generator-django-monorepo';

export interface JournalEntry {
  /** Relative to the project's real root, as are the other paths here. */
  path: string;
  /** Where the new contents are written first, then renamed over `path`. */
  temp: string;
  /** The file before the run, base64, or null when the run creates it. */
  before: string | null;
  mode: number | null;
  /** sha256 of the contents the run writes: how the undo recognises its own file. */
  after: string;
}

export interface Journal {
  writtenBy: typeof WRITTEN_BY;
  startedAt: string;
  /** The writing process: while it lives, the journal is a run in progress, not an interrupted one. */
  pid: number;
  /** The project folder itself was made by the run. */
  createdRoot: boolean;
  createdFolders: string[];
  files: JournalEntry[];
}

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

export function newJournal(createdRoot: boolean, createdFolders: string[], files: JournalEntry[]): Journal {
  return { writtenBy: WRITTEN_BY, startedAt: new Date().toISOString(), pid: process.pid, createdRoot, createdFolders, files };
}

export function writeJournal(realRoot: string, journal: Journal): void {
  const file = path.join(realRoot, JOURNAL);
  writeFileSync(`${file}.tmp`, JSON.stringify(journal));
  renameSync(`${file}.tmp`, file);
}

export function removeJournal(realRoot: string): void {
  unlinkSync(path.join(realRoot, JOURNAL));
}

/** The journal an interrupted run left, or undefined; a half-written `.tmp` (nothing else was touched yet) is dropped. */
export function readJournal(realRoot: string): Journal | undefined {
  const file = path.join(realRoot, JOURNAL);
  rmSync(`${file}.tmp`, { force: true });
  if (!existsSync(file)) return undefined;
  try {
    const journal = JSON.parse(readFileSync(file, 'utf8')) as Journal;
    if (journal.writtenBy === WRITTEN_BY && Array.isArray(journal.files)) return journal;
  } catch {
    // reported below
  }
  throw new ApplyError(`${JOURNAL} is not a journal this generator can read: check the files of the interrupted run by hand, then delete it.`);
}

const current = (file: string): Buffer | null => (existsSync(file) ? readFileSync(file) : null);

function running(pid: number): boolean {
  if (!Number.isInteger(pid) || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Refuses to undo a run that is still writing (another process, in the same folder, right now). */
export function checkNotRunning(journal: Journal): void {
  if (running(journal.pid)) {
    throw new ApplyError(`Another run (process ${journal.pid}, started ${journal.startedAt}) is writing this folder: wait for it to end; if no such run is yours, delete ${JOURNAL} and run again.`);
  }
}

/**
 * Undoes a journal's run: files it created are removed, files it changed get their old bytes back.
 * Checked whole first: a file changed since (neither the old nor the new bytes) stops the undo untouched.
 */
export function undoRun(realRoot: string, journal: Journal): void {
  const at = (file: string) => path.join(realRoot, file);
  for (const entry of journal.files) {
    const now = current(at(entry.path));
    const ours = now !== null && sha256(now) === entry.after;
    const untouched = entry.before === null ? now === null : now !== null && now.equals(Buffer.from(entry.before, 'base64'));
    if (!ours && !untouched) {
      throw new ApplyError(
        `${entry.path} changed after an interrupted run (${journal.startedAt}) wrote it: check it by hand, then delete ${JOURNAL} and run again.`,
      );
    }
  }
  for (const entry of [...journal.files].reverse()) {
    rmSync(at(entry.temp), { force: true });
    const now = current(at(entry.path));
    if (now === null || sha256(now) !== entry.after) continue;
    if (entry.before === null) {
      unlinkSync(at(entry.path));
      continue;
    }
    writeFileSync(at(entry.temp), Buffer.from(entry.before, 'base64'));
    if (entry.mode !== null) chmodSync(at(entry.temp), entry.mode);
    renameSync(at(entry.temp), at(entry.path));
  }
  for (const folder of [...journal.createdFolders].reverse()) removeEmptyFolder(at(folder));
  removeJournal(realRoot);
  if (journal.createdRoot) removeEmptyFolder(realRoot);
}

function removeEmptyFolder(folder: string): void {
  try {
    if (statSync(folder).isDirectory()) rmdirSync(folder);
  } catch (error) {
    // Gone already, or holding something the run did not put there: either way it stays as it is.
    if (!['ENOENT', 'ENOTEMPTY', 'EEXIST'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  }
}
