/**
 * kill -9 (and Ctrl-C's SIGINT) at random moments of a real run of the shipped bin, without a terminal:
 * during a new project's write and during a retrofit. Every kill must leave the state before the run or
 * one the next run recognises (the journal), and the re-run must end byte-identical to an uninterrupted
 * run. Most kills are aimed at the write itself (fired when the journal appears, plus a random delay),
 * the rest anywhere in the run. Bounded by a count and a wall budget; the phases hit are printed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, watch, type FSWatcher } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL } from '../../lib/apply/index.js';
import { makeDjangoViteRepo, filesBelow, DJANGO_ADMIN } from '../generators/write-path-repos.js';
import { BIN } from '../support/generators.js';
import { fileExists, missingPrerequisites } from '../support/prerequisites.js';

const KILLS = 30;
const BUDGET_MS = 60_000;
const MIN_KILLS = 5;
const missing = missingPrerequisites({ 'python3-django (django-admin)': fileExists(DJANGO_ADMIN) });

type Phase = 'before writing' | 'while writing (journal left)' | 'after writing' | 'exited before the kill';

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'interrupt-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Files of a folder, without the journal's half-written temporary (dropped by the next run, nothing else written yet). */
const state = (root: string) => {
  const files = filesBelow(root);
  delete files[`${JOURNAL}.tmp`];
  return files;
};

function runToEnd(cwd: string, args: string[]): void {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 60_000 });
  expect(run.status, `${args.join(' ')}\n${run.stderr}`).toBe(0);
}

/** Starts the bin, kills it when aimed (journal seen + delay) or at a random moment, and says what the kill hit. */
async function killOnce(cwd: string, args: string[], root: string, aim: { atJournal: boolean; delayMs: number; signal: NodeJS.Signals }, before: Record<string, string>, after: Record<string, string>): Promise<Phase> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: 'ignore' });
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let fired = false;
  // A zero delay kills from the watcher's callback itself, the closest a test gets to the first write.
  const kill = () => {
    fired = true;
    if (aim.delayMs === 0) child.kill(aim.signal);
    else timer = setTimeout(() => child.kill(aim.signal), aim.delayMs);
  };
  if (aim.atJournal) {
    watcher = watch(root, (_event, name) => {
      if (name?.startsWith(JOURNAL) && !fired) kill();
    });
  } else kill();
  const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, got) => resolve(got)));
  watcher?.close();
  clearTimeout(timer);
  const now = state(root);
  if (existsSync(path.join(root, JOURNAL))) return 'while writing (journal left)';
  if (signal === null) return 'exited before the kill';
  if (JSON.stringify(now) === JSON.stringify(after)) return 'after writing';
  // Anything else would be a torn state the next run could not tell from the user's own files.
  expect(now, `a kill (${aim.signal}) left neither the state before, nor a journal, nor the finished run`).toEqual(before);
  return 'before writing';
}

/** The kill loop: fresh folder, one kill, one re-run that must end as the uninterrupted run did. */
async function killLoop(name: string, fresh: () => string, cwdOf: (root: string) => string, args: string[], baseline: Record<string, string>) {
  const counts: Partial<Record<Phase, number>> = {};
  const started = performance.now();
  let kills = 0;
  const elapsed = () => performance.now() - started;
  const hitWrite = () => (counts['while writing (journal left)'] ?? 0) > 0;
  // Past the budget only for the first MIN_KILLS, or while no kill has landed inside the write yet (up to twice the budget).
  const more = () => (kills < KILLS && elapsed() < BUDGET_MS) || kills < MIN_KILLS || (!hitWrite() && elapsed() < 2 * BUDGET_MS);
  for (; more(); kills++) {
    const root = fresh();
    const before = state(root);
    const aim = { atJournal: kills % 3 !== 2, delayMs: Math.floor(Math.random() * (kills % 3 === 2 ? 2500 : 6)), signal: (kills % 5 === 4 ? 'SIGINT' : 'SIGKILL') as NodeJS.Signals };
    const phase = await killOnce(cwdOf(root), args, root, aim, before, baseline);
    counts[phase] = (counts[phase] ?? 0) + 1;
    runToEnd(cwdOf(root), args);
    expect(state(root), `re-run after a kill ${phase} (${aim.signal}, ${aim.atJournal ? 'journal' : 'anywhere'} +${aim.delayMs} ms)`).toEqual(baseline);
    rmSync(root, { recursive: true, force: true });
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${name}: ${kills} kills in ${seconds} s (budget ${BUDGET_MS / 1000} s, at most ${KILLS}): ${JSON.stringify(counts)}`);
  expect(hitWrite(), 'no kill landed inside the write').toBe(true);
  return counts;
}

const NEW_PROJECT = ['my-app', '--yes', '--skip-install', '--skip-git'];

describe('kill -9 during a new-project write (bin fast path)', () => {
  it('always ends, after a re-run, byte-identical to an uninterrupted run', async () => {
    const reference = path.join(scratch, 'reference');
    mkdirSync(reference);
    runToEnd(reference, NEW_PROJECT);
    const baseline = state(path.join(reference, 'my-app'));
    expect(Object.keys(baseline).length).toBeGreaterThan(30);
    let n = 0;
    // The project folder exists (empty, as the fast path accepts it) so the journal can be watched for.
    const fresh = () => {
      const root = path.join(scratch, `new-${++n}`, 'my-app');
      mkdirSync(root, { recursive: true });
      return root;
    };
    await killLoop('new project', fresh, path.dirname, NEW_PROJECT, baseline);
  }, 300_000);
});

describe.skipIf(missing.length > 0)('kill -9 during a retrofit (bin, Yeoman path, :deploy --yes)', () => {
  it('always ends, after a re-run, byte-identical to an uninterrupted run', async () => {
    const pristine = path.join(scratch, 'pristine');
    makeDjangoViteRepo(pristine);
    // The same folder name every time: app.json carries it.
    const reference = path.join(scratch, 'retrofit-reference', 'repo');
    cpSync(pristine, reference, { recursive: true });
    runToEnd(reference, ['--yes']);
    const baseline = state(reference);
    let n = 0;
    const fresh = () => {
      const root = path.join(scratch, `retrofit-${++n}`, 'repo');
      cpSync(pristine, root, { recursive: true });
      return root;
    };
    await killLoop('retrofit', fresh, (root) => root, ['--yes'], baseline);
  }, 300_000);
});
