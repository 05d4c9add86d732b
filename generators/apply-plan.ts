// The generators' side of the one write path: file changes go to disk through lib/apply (checked whole,
// journaled, all or nothing) with the run's --force/--yes/terminal policy, and are then mirrored into
// mem-fs as already committed, so yeoman-test can read them and Yeoman's conflicter never asks again.
import { existsSync, readFileSync } from 'node:fs';
import type YeomanGenerator from 'yeoman-generator';
import { applyChanges, recoverInterruptedRun, type Conflict, type FileChange } from '../lib/apply/index.js';
import { optionValue } from './yeoman-options.js';

type Generator = YeomanGenerator;

/** `.yo-rc.json` as mem-fs holds it after this run's `config.set`, as one more change of the same write. */
function storedAnswers(generator: Generator): FileChange[] {
  const contents = generator.fs.read(generator.destinationPath('.yo-rc.json'), { defaults: null } as never) as string | null;
  return contents === null ? [] : [{ path: '.yo-rc.json', contents, action: 'update' }];
}

/** Only a terminal can answer a question, and --yes means none is asked. */
function asker(generator: Generator): ((conflict: Conflict) => Promise<boolean>) | undefined {
  if (!process.stdin.isTTY || optionValue(generator, 'yes')) return undefined;
  return async ({ path, summary }) => {
    const { replace } = await generator.prompt<{ replace: boolean }>([
      { type: 'confirm', name: 'replace', message: `${path} differs from what the generator writes (${summary}): replace it with the generator's version?`, default: false },
    ]);
    return replace;
  };
}

export async function applyPlan(generator: Generator, changes: readonly FileChange[]): Promise<void> {
  const all = [...changes, ...storedAnswers(generator)];
  const result = await applyChanges(generator.destinationRoot(), all, {
    force: Boolean(optionValue(generator, 'force')),
    ask: asker(generator),
    log: (line) => generator.log(line),
  });
  const kept = new Set(result.kept);
  for (const change of all) {
    if (kept.has(change.path)) continue;
    const file = generator.destinationPath(change.path);
    generator.fs.write(file, change.contents);
    markCommitted(generator, file);
  }
}

// mem-fs-editor's own bookkeeping after a commit: the file stays readable (and in yeoman-test's
// snapshot) but is no longer pending, so the conflicter neither asks about it nor writes it again.
function markCommitted(generator: Generator, file: string): void {
  const entry = generator.fs.store.get(file) as { state?: string; stateCleared?: string; isNew?: boolean };
  if (entry.state) entry.stateCleared = entry.state;
  delete entry.state;
  delete entry.isNew;
}

/** Undoes a run that was interrupted in this folder, and drops what mem-fs read of it before (e.g. .yo-rc.json). */
export function recoverFolder(generator: Generator, folder = generator.destinationRoot()): void {
  for (const file of recoverInterruptedRun(folder, (line) => generator.log(line))) {
    if (!generator.fs.store.existsInMemory(file)) continue;
    const entry = generator.fs.store.get(file) as { contents: Buffer | null; state?: string };
    entry.contents = existsSync(file) ? readFileSync(file) : null;
    delete entry.state;
  }
}
