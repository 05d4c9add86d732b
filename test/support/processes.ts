import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * External commands for the end-to-end suite: argument arrays only (no shell), each in its own process
 * group so a stop or a timeout also ends what it started (gunicorn workers, npm's children, postgres).
 */
export interface CommandResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** stdout and stderr, interleaved in arrival order. */
  output: string;
  ms: number;
}

export interface CommandOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

const running = new Set<ChildProcess>();

function startGroup(command: string, args: string[], options: CommandOptions): ChildProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Runs a command to completion; a timeout kills its process group and reports it in the output. */
export function runCommand(command: string, args: string[], options: CommandOptions): Promise<CommandResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = startGroup(command, args, options);
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    // On timeout: SIGTERM first, so a command can stop what it started in a session of its own.
    let killer: NodeJS.Timeout | undefined;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          output += `\n[killed after ${options.timeoutMs} ms]\n`;
          signalGroup(child, 'SIGTERM');
          killer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
        }, options.timeoutMs)
      : undefined;
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killer);
      resolve({ code, signal, output, ms: performance.now() - started });
    });
  });
}

/** Like runCommand, but a non-zero exit throws with the command and the end of its output. */
export async function runChecked(command: string, args: string[], options: CommandOptions): Promise<CommandResult> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    throw new Error(
      `${[command, ...args].join(' ')} (in ${options.cwd}) exited ${result.code ?? result.signal}:\n${tail(result.output)}`,
    );
  }
  return result;
}

export function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** A long-running process (a server) in its own process group. */
export interface Service {
  pid: number;
  output(): string;
  /** Settles when the process exits, by itself or by stop(). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** SIGTERM (or the signal given) to the group, then SIGKILL after the grace period. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<void>;
}

export function startService(command: string, args: string[], options: CommandOptions): Service {
  const child = startGroup(command, args, options);
  let output = '';
  let done = false;
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (error) => {
      output += `\n[could not start ${command}: ${error.message}]\n`;
      done = true;
      resolve({ code: null, signal: null });
    });
    child.once('close', (code, signal) => {
      done = true;
      resolve({ code, signal });
    });
  });
  return {
    pid: child.pid ?? -1,
    output: () => output,
    exited,
    hasExited: () => done,
    async stop(signal = 'SIGTERM', graceMs = 10_000) {
      if (done) return;
      signalGroup(child, signal);
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Workers that outlived their master still belong to the group.
      signalGroup(child, 'SIGKILL');
    },
  };
}

/** Last resort for afterAll: kills the group of every process this module started that is still running. */
export function killAllStarted(): void {
  for (const child of running) signalGroup(child, 'SIGKILL');
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
