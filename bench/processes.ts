import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Sample } from './measure.js';

const GNU_TIME = '/usr/bin/time';
const RSS_PRELOAD = fileURLToPath(new URL('./rss-preload.js', import.meta.url));

/** How peak RSS is read: GNU time's %M when installed, else a preload in Node children. */
export const RSS_SOURCE = existsSync(GNU_TIME) ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS (preload, node only)';

const running = new Set<ChildProcess>();
let interrupted = false;

/** Ctrl-C: kills the children still running; their runs and every later one fail, so cleanups run. */
export function interrupt(): void {
  interrupted = true;
  for (const child of running) child.kill('SIGKILL');
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Also read the command's peak RSS. */
  rss?: boolean;
}

export interface RunResult extends Sample {
  stdout: string;
}

/** Runs a command (no shell), timed from spawn to exit; rejects with its stderr when it fails. */
export async function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
  if (interrupted) throw new Error('interrupted');
  const scratch = options.rss ? mkdtempSync(join(tmpdir(), 'bench-rss-')) : undefined;
  const rssFile = scratch ? join(scratch, 'rss') : '';
  let spawned: [string, string[]] = [command, args];
  const env = { ...(options.env ?? process.env) };
  if (scratch && existsSync(GNU_TIME)) spawned = [GNU_TIME, ['-f', '%M', '-o', rssFile, command, ...args]];
  else if (scratch && command === process.execPath) {
    spawned = [command, ['--import', pathToFileURL(RSS_PRELOAD).href, ...args]];
    env.BENCH_RSS_FILE = rssFile;
  }
  try {
    const started = performance.now();
    const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(spawned[0], spawned[1], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      running.add(child);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => {
        running.delete(child);
        resolve({ code, stdout, stderr });
      });
    });
    const ms = performance.now() - started;
    if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${code}:\n${stderr.slice(-2000)}`);
    const kb = scratch && existsSync(rssFile) ? Number.parseInt(readFileSync(rssFile, 'utf8').trim().split('\n').pop() ?? '', 10) : NaN;
    return { ms, stdout, rssMb: Number.isFinite(kb) ? kb / 1024 : undefined };
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}
