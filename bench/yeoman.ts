// 2. Our app generator through yeoman-environment vs a do-nothing generator run the same way.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, stats, type CaseResult, type MeasureOptions, type Sample } from './measure.js';
import { GENERATORS } from './paths.js';
import { run } from './processes.js';
import { timeRow, versusRow, type Row } from './table.js';
import { treeDigest } from './tree.js';

const CHILD = fileURLToPath(new URL('./yeoman-run.js', import.meta.url));
const NOOP = fileURLToPath(new URL('./noop-generator.js', import.meta.url));
export const OVERHEAD_LIMIT = 1.2;

export interface YeomanBench {
  rows: Row[];
  output: ReturnType<typeof treeDigest>;
}

export async function benchYeoman(options: MeasureOptions): Promise<YeomanBench> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-yeoman-'));
  let output: ReturnType<typeof treeDigest> | undefined;
  let count = 0;
  // The env.run part of each run, as the child reports it: same runs, read from the child's stdout.
  const runOnly: Record<'app' | 'noop', Sample[]> = { app: [], noop: [] };
  const runThroughEnv = async (which: 'app' | 'noop', resolved: string, namespace: string): Promise<Sample> => {
    const cwd = join(scratch, String(count++));
    mkdirSync(cwd);
    const result = await run(process.execPath, [CHILD, resolved, namespace, 'my-app'], { cwd });
    const parts = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as { runMs: number };
    runOnly[which].push({ ms: parts.runMs });
    if (which === 'app') output ??= treeDigest(join(cwd, 'my-app'));
    rmSync(cwd, { recursive: true, force: true });
    return result;
  };
  try {
    const results = await measure(
      {
        app: () => runThroughEnv('app', join(GENERATORS, 'app/index.js'), 'django-monorepo:app'),
        noop: () => runThroughEnv('noop', NOOP, 'noop:app'),
      },
      options,
    );
    // The child's own figures, without its warm-up runs.
    const warmup = options.warmup ?? 1;
    const envRun = (which: 'app' | 'noop'): CaseResult => ({ ms: stats(runOnly[which].slice(warmup).map((sample) => sample.ms)) });
    return {
      rows: [
        versusRow('2', 'yeoman-environment + app generator (new process)', results.app, results.noop, OVERHEAD_LIMIT),
        timeRow('2', '  baseline: do-nothing generator, same way', results.noop),
        versusRow('2', '  env.run() only: app generator', envRun('app'), envRun('noop')),
        timeRow('2', '  env.run() only: do-nothing generator', envRun('noop')),
      ],
      output: output!,
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
