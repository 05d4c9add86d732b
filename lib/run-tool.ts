// npm install and git init, run so that Ctrl-C stops them with us: each runs in its own process
// group (its own children included), which the interrupt handler ends before the run exits 130.
import { spawn, type ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();
/** Set once a signal is stopping the run: the tools' failures are then ours, not theirs to report. */
let interrupted = false;

/** Runs a tool with the terminal as its output; rejects naming the command when it fails. */
export function runTool(command: string, args: readonly string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
    running.add(child);
    watchSignals();
    const done = () => {
      running.delete(child);
      unwatchSignals();
    };
    child.on('error', (error) => {
      done();
      reject(error);
    });
    child.on('exit', (code, signal) => {
      done();
      if (interrupted) return;
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} ${signal ? `was stopped by ${signal}` : `exited with ${code}`} in ${cwd}.`));
    });
  });
}

/** Ends every running tool's process group: SIGTERM, then SIGKILL for what is still there after a grace period. */
export async function stopTools(graceMs = 3000): Promise<void> {
  const children = [...running];
  const exited = children.map((child) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()))));
  for (const child of children) signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => children.forEach((child) => signalGroup(child, 'SIGKILL')), graceMs);
  await Promise.all(exited);
  clearTimeout(timer);
  // The leader may exit before the rest of its group: what is left there gets no grace.
  for (const child of children) signalGroup(child, 'SIGKILL');
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

// While a tool runs, Ctrl-C (SIGINT) or SIGTERM stops it and exits 130 (143), as shells expect:
// the tool's own process group does not get the terminal's Ctrl-C, so it would outlive us otherwise.
const SIGNALS: Array<[NodeJS.Signals, number]> = [
  ['SIGINT', 130],
  ['SIGTERM', 143],
];
const handlers = new Map<NodeJS.Signals, () => void>();

function watchSignals(): void {
  for (const [signal, code] of SIGNALS) {
    if (handlers.has(signal)) continue;
    const handler = () => {
      interrupted = true;
      const names = [...running].map((child) => child.spawnargs.slice(0, 2).join(' ')).join(', ');
      process.stderr.write(`\nInterrupted: stopping ${names}.\n`);
      void stopTools().finally(() => process.exit(code));
    };
    handlers.set(signal, handler);
    process.once(signal, handler);
  }
}

function unwatchSignals(): void {
  if (running.size > 0) return;
  for (const [signal, handler] of handlers) process.removeListener(signal, handler);
  handlers.clear();
}
