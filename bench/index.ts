// `npm run bench [-- 1 3] [-- --runs=N] [-- serving --seconds=N --rounds=N]`: the speed targets of issues 7 and 13, on this machine.
import { benchDetect } from './detect.js';
import { benchHeroku } from './heroku.js';
import { interrupt, RSS_SOURCE } from './processes.js';
import { benchScaffold } from './scaffold.js';
import { benchServing } from './serving.js';
import { formatServingTable, servingCases, servingTargets, type ServingRow } from './serving-table.js';
import { formatTable, type Row } from './table.js';
import { benchYeoman } from './yeoman.js';

const argv = process.argv.slice(2);
const runs = Number(argv.find((arg) => arg.startsWith('--runs='))?.slice('--runs='.length) ?? 7);
if (!Number.isInteger(runs) || runs < 5) throw new Error('--runs must be an integer ≥ 5');
const seconds = Number(argv.find((arg) => arg.startsWith('--seconds='))?.slice('--seconds='.length) ?? 5);
if (!Number.isInteger(seconds) || seconds < 1) throw new Error('--seconds must be an integer ≥ 1');
const rounds = Number(argv.find((arg) => arg.startsWith('--rounds='))?.slice('--rounds='.length) ?? 3);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error('--rounds must be an integer ≥ 1');
const chosen = new Set(argv.map((arg) => (arg === 'serving' ? '5' : arg)).filter((arg) => /^[1-5]$/.test(arg)));
const wanted = (bench: string) => chosen.size === 0 || chosen.has(bench);

process.on('SIGINT', interrupt);
process.on('SIGTERM', interrupt);

const rows: Row[] = [];
const notes: string[] = [];
let failed = false;
const step = async (bench: string, title: string, body: () => Promise<void>) => {
  if (!wanted(bench)) return;
  process.stderr.write(`bench ${bench}: ${title}…\n`);
  try {
    await body();
  } catch (error) {
    failed = true;
    notes.push(`${bench}. FAILED: ${error instanceof Error ? error.message : String(error)}`);
  }
};

let binOutput: { files: number; sha256: string } | undefined;
await step('1', 'new project, bin vs startproject + create-vite', async () => {
  const result = await benchScaffold({ runs });
  rows.push(...result.rows);
  binOutput = result.output;
});
await step('2', 'through yeoman-environment vs a do-nothing generator', async () => {
  const result = await benchYeoman({ runs });
  rows.push(...result.rows);
  if (binOutput) {
    const same = binOutput.sha256 === result.output.sha256;
    notes.push(`1/2. The bin's output ${same ? 'is' : 'is NOT'} byte-identical to the Yeoman path's (${binOutput.files} vs ${result.output.files} files).`);
  }
});
await step('3', 'retrofit detection on a synthetic repo (writes ~206 000 files once)', async () => {
  rows.push(...(await benchDetect({ runs: Math.max(runs, 51), warmup: 5 })));
});
await step('4', ':heroku re-run against the local API stand-in vs heroku --version', async () => {
  const result = await benchHeroku({ runs });
  rows.push(...result.rows);
  for (const [list, count] of result.invocations) {
    notes.push(`4. heroku invocations per re-run: ${list.split(', ').filter(Boolean).length} (${list || 'none'}) in ${count} runs, warm-up included.`);
  }
});

let serving: ServingRow[] = [];
await step('5', `serving: the web line vs the old sync line vs nginx, ${rounds} rounds of wrk -d ${seconds}s and ab (installs a project first)`, async () => {
  serving = await benchServing(seconds, rounds);
});

if (rows.length > 0) {
  console.log(formatTable(rows));
  console.log(`\nMedian of ${runs} runs after 1 warm-up (detection: ${Math.max(runs, 51)} after 5), cases alternating within each round.`);
  console.log(`Ratio = median / the median of its group's baseline row (for 2's env.run() row: the do-nothing env.run()). Peak RSS: ${RSS_SOURCE}.`);
}
if (serving.length > 0) {
  const cases = servingCases(serving);
  console.log(`\n${formatServingTable(cases)}`);
  console.log(`\nwrk --latency -t 2 -d ${seconds}s --timeout 2s; ab -n 2000 (a new connection per request); Host: localhost, X-Forwarded-Proto: https.`);
  console.log(`WEB_CONCURRENCY=2, GUNICORN_CMD_ARGS="--access-logfile -" as on a dyno; ${rounds} rounds, configs alternating; errors = non-2xx/3xx + socket errors.`);
  for (const target of servingTargets(cases)) console.log(`5. ${target}`);
}
for (const note of notes) console.log(note);
if (failed) process.exitCode = 1;
