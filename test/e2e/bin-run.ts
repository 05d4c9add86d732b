// Runs the shipped bin, and yo's environment, as child processes without a terminal.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, REPO_ROOT } from '../support/generators.js';
import { djangoProject, settingsPy, type RepoFiles } from '../fixtures/retrofit/layouts.js';

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const folders: string[] = [];

export function tempFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'bin-'));
  folders.push(folder);
  return folder;
}

export function removeTempFolders(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** stdin is closed and nothing is a terminal, as in CI. */
export function runBin(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Run {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEBUG: '', ...env },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const ENVIRONMENT = pathToFileURL(path.join(REPO_ROOT, 'node_modules/yeoman-environment/dist/index.js')).href;

/** What `yo django-monorepo:<name> ...args` does: yeoman-environment's run() with the raw argv. */
export function runYo(cwd: string, namespace: string, args: readonly string[]): Run {
  const generators = ['app', 'backend', 'client', 'deploy', 'eject', 'heroku'].map((name) => [
    path.join(REPO_ROOT, 'dist/generators', name, 'index.js'),
    `django-monorepo:${name}`,
  ]);
  const script = `
    const { createEnv } = await import(${JSON.stringify(ENVIRONMENT)});
    const env = createEnv();
    for (const [file, namespace] of ${JSON.stringify(generators)}) env.register(file, { namespace });
    try { await env.run(${JSON.stringify([namespace, ...args])}); }
    catch (error) { console.error('yo: ' + error.message); process.exitCode = 1; }`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DEBUG: '' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

export function writeFiles(root: string, files: RepoFiles): void {
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), contents);
  }
}

/** An existing API-only Django repo (backend in server/), as startproject leaves it. */
export function djangoRepo(root: string): string {
  writeFiles(root, {
    ...djangoProject('server', 'mysite', 'mysite.settings'),
    'server/mysite/settings.py': settingsPy('mysite.urls'),
    'server/requirements.txt': 'Django==3.2.25\n',
  });
  return root;
}

/** Every entry below a folder, sorted: equal lists mean nothing was created or removed. */
export function entriesBelow(folder: string): string[] {
  return (readdirSync(folder, { recursive: true }) as string[]).sort();
}
