// Ctrl-C (SIGINT) while the bin runs the client's real npm install, without a terminal: the bin exits
// 130, npm and everything it started are gone from the process table, and the project on disk is the
// complete one a re-run recognises as its own.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/generators.js';
import { removeTempFolders, runBin, tempFolder } from './bin-run.js';

afterAll(removeTempFolders);

/** Processes whose working folder is `folder` or below it, from /proc (Linux, as in CI). */
function processesIn(folder: string): Array<{ pid: number; command: string }> {
  const found: Array<{ pid: number; command: string }> = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cwd = readlinkSync(`/proc/${entry}/cwd`);
      if (cwd === folder || cwd.startsWith(`${folder}/`)) {
        found.push({ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim() });
      }
    } catch {
      // Gone meanwhile, or not ours to read.
    }
  }
  return found;
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every file below a folder with its contents, leaving out what npm install writes. */
function projectFiles(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    const file = path.relative(folder, path.join(entry.parentPath, entry.name));
    if (!entry.isFile() || file.includes('node_modules') || file.endsWith('package-lock.json')) continue;
    files[file] = readFileSync(path.join(folder, file), 'utf8');
  }
  return files;
}

describe('Ctrl-C during npm install', () => {
  it('exits 130, leaves no process behind, and the project is complete', async () => {
    const cwd = tempFolder();
    const client = path.join(cwd, 'app', 'client');
    const bin = spawn(process.execPath, [BIN, 'app', '--yes', '--skip-git'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    bin.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    bin.stdout.resume();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => bin.on('exit', (code, signal) => resolve({ code, signal })));
    try {
      const npm = await waitFor('npm install to start in the client folder', () => {
        const found = processesIn(client);
        return found.length > 0 ? found : undefined;
      }, 60_000);
      expect(npm.map((p) => p.command).join('\n')).toContain('npm');
      bin.kill('SIGINT');
      const { code, signal } = await exited;
      expect({ code, signal }).toEqual({ code: 130, signal: null });
      expect(stderr).toContain('Interrupted: stopping npm install');
      // The bin waited for the groups' leaders; a SIGKILLed straggler may take the kernel a moment.
      const left = await waitFor('the process table to settle', () => (processesIn(cwd).length === 0 ? [] : undefined), 3_000).catch(() => processesIn(cwd));
      expect(left).toEqual([]);
    } finally {
      if (bin.exitCode === null) bin.kill('SIGKILL');
    }
    const reference = tempFolder();
    expect(runBin(reference, ['app', '--yes', '--skip-install', '--skip-git']).status).toBe(0);
    expect(projectFiles(path.join(cwd, 'app'))).toEqual(projectFiles(path.join(reference, 'app')));
    // The next run takes the folder as its own project and finishes it.
    const rerun = runBin(cwd, ['app', '--yes', '--skip-install', '--skip-git']);
    expect(rerun.status, rerun.stderr).toBe(0);
  });
});
