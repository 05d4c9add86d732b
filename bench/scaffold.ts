// 1. A new project through the bin vs the two minimal tools for its halves, run alternately.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measure, stats, type MeasureOptions } from './measure.js';
import { BIN, CREATE_VITE, SYSTEM_PYTHON } from './paths.js';
import { run } from './processes.js';
import { timeRow, versusRow, type Row } from './table.js';
import { treeDigest } from './tree.js';

export const RSS_LIMIT_MB = 100;

export interface ScaffoldBench {
  rows: Row[];
  /** What the bin wrote, to compare with the Yeoman path's output. */
  output: ReturnType<typeof treeDigest>;
}

export async function benchScaffold(options: MeasureOptions): Promise<ScaffoldBench> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-scaffold-'));
  let output: ReturnType<typeof treeDigest> | undefined;
  let count = 0;
  const freshFolder = () => {
    const dir = join(scratch, String(count++));
    mkdirSync(dir);
    return dir;
  };
  try {
    const results = await measure(
      {
        bin: async () => {
          const cwd = freshFolder();
          const sample = await run(process.execPath, [BIN, 'my-app', '--yes', '--skip-install', '--skip-git'], { cwd, rss: true });
          output ??= treeDigest(join(cwd, 'my-app'));
          rmSync(cwd, { recursive: true, force: true });
          return sample;
        },
        baseline: async () => {
          const cwd = freshFolder();
          mkdirSync(join(cwd, 'my-app/backend'), { recursive: true });
          const django = await run(SYSTEM_PYTHON, ['-m', 'django', 'startproject', 'app', 'my-app/backend'], { cwd, rss: true });
          const vite = await run(process.execPath, [CREATE_VITE, 'my-app/client', '--template', 'react-ts', '--no-interactive', '--no-immediate'], { cwd, rss: true });
          rmSync(cwd, { recursive: true, force: true });
          return { ms: django.ms + vite.ms, rssMb: Math.max(django.rssMb ?? NaN, vite.rssMb ?? NaN) };
        },
      },
      options,
    );
    const rows = [
      versusRow('1', 'create-django-monorepo --yes --skip-install --skip-git', results.bin, results.baseline, 1.0),
      timeRow('1', '  baseline: django startproject + create-vite react-ts', results.baseline),
    ];
    const rss = results.bin.rssMb ?? stats([NaN]);
    rows.push({ bench: '1', label: '  peak RSS of the bin', stats: rss, unit: 'MB', target: `≤ ${RSS_LIMIT_MB} MB`, met: rss.max <= RSS_LIMIT_MB });
    return { rows, output: output! };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
