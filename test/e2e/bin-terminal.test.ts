// Ctrl-C at a question, in a pseudo-terminal (util-linux's script(1)): exit 130, as shells expect.
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN } from '../support/generators.js';
import { removeTempFolders, tempFolder } from './bin-run.js';

afterAll(removeTempFolders);

describe('Ctrl-C at a question in a terminal', () => {
  it('exits 130 and says it was interrupted', async () => {
    const cwd = tempFolder();
    const command = [process.execPath, BIN, 'my-app', '--skip-install', '--skip-git'].map((arg) => `'${arg}'`).join(' ');
    const terminal = spawn('script', ['-qfec', command, '/dev/null'], { cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, DEBUG: '' } });
    let screen = '';
    let pressed = false;
    terminal.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString();
      if (!pressed && screen.includes('Django project module')) {
        pressed = true;
        terminal.stdin.write('\x03');
      }
    });
    const stop = setTimeout(() => terminal.kill('SIGKILL'), 45_000);
    const code = await new Promise<number | null>((resolve) => terminal.once('exit', resolve));
    clearTimeout(stop);
    expect(pressed, screen).toBe(true);
    expect(code, screen).toBe(130);
    expect(screen).toContain('create-django-monorepo: interrupted.');
    expect(screen).not.toContain('force closed');
  }, 60_000);
});
