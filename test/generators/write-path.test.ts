/**
 * The one write path, proven through the shipped bin as a child process without a terminal (stdin
 * ignored), and through yeoman-environment for :deploy: --yes applies the plan as shown, nothing is
 * written through a link out of the project, a failed write is undone, conflicts and layout changes
 * are refused before anything is written.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskState } from '../support/disk.js';
import { BIN, REPO_ROOT } from '../support/generators.js';
import { fileExists, missingPrerequisites } from '../support/prerequisites.js';
import { DJANGO_ADMIN, filesBelow, foldersBelow, makeDjangoViteRepo } from './write-path-repos.js';

const FAIL_WRITE = 'GENERATOR_DJANGO_MONOREPO_TEST_FAIL_WRITE';
const missing = missingPrerequisites({ 'python3-django (django-admin)': fileExists(DJANGO_ADMIN) });

let scratch = '';
let pristine = '';
beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'write-path-'));
  pristine = path.join(scratch, 'pristine');
  if (missing.length === 0) makeDjangoViteRepo(pristine);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let count = 0;
function folder(): string {
  return path.join(scratch, `case-${++count}`);
}

function bin(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The refusal's line: on the Yeoman path Yeoman may print its own line before it. */
const refusal = (stderr: string): string => stderr.trimEnd().split('\n').at(-1)!;

/** A copy of the repo made by django-admin and create-vite. */
function djangoRepo(): string {
  const repo = folder();
  cpSync(pristine, repo, { recursive: true });
  return repo;
}

/** A project made by the bin's fast path, in <cwd>/my-app. */
function newProject(): { cwd: string; project: string } {
  const project = folder();
  const made = bin(scratch, [path.basename(project), '--yes', '--skip-install', '--skip-git']);
  expect(made.status, made.stderr).toBe(0);
  return { cwd: scratch, project };
}

const QUICK = ['--yes', '--skip-install', '--skip-git'];

describe.skipIf(missing.length > 0)('a retrofit with --yes and no terminal', () => {
  it('completes in one run through the bin, adding the announced lines, and a second run writes nothing', () => {
    const repo = djangoRepo();
    const run = bin(repo, ['--yes']);
    expect(run.status, run.stderr).toBe(0);
    // Yeoman's log goes to stderr: the plan, then the writes, and no question.
    expect(run.stderr).toMatch(/add to {2}server\/requirements\.txt[\s\S]*add to client\/package\.json/);
    expect(run.stderr).not.toMatch(/Overwrite|\?|force closed/);
    expect(readFileSync(path.join(repo, 'server/requirements.txt'), 'utf8')).toMatch(/^Django>=3\.2,<4\n# Added for production by generator-django-monorepo\ngunicorn==/);
    expect(JSON.parse(readFileSync(path.join(repo, 'client/package.json'), 'utf8')).scripts['heroku-postbuild']).toContain('--base=/static/');
    expect(Object.keys(filesBelow(repo))).toEqual(expect.arrayContaining(['Procfile', '.buildpacks', 'server/mysite/heroku_settings.py', '.yo-rc.json']));
    const after = diskState(repo);
    expect(bin(repo, ['--yes']).status).toBe(0);
    expect(diskState(repo)).toEqual(after);
  });

  it('completes in one run through yeoman-environment (yo django-monorepo:deploy --yes)', () => {
    const repo = djangoRepo();
    const environment = pathToFileURL(path.join(REPO_ROOT, 'node_modules/yeoman-environment/dist/index.js')).href;
    const generator = path.join(REPO_ROOT, 'dist/generators/deploy/index.js');
    const script = `
      const { createEnv } = await import(${JSON.stringify(environment)});
      const env = createEnv();
      env.register(${JSON.stringify(generator)}, { namespace: 'django-monorepo:deploy' });
      try { await env.run(['django-monorepo:deploy'], { yes: true }); } catch (error) { console.error(error.message); process.exitCode = 1; }`;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/Overwrite|\?|force closed/);
    expect(readFileSync(path.join(repo, 'server/requirements.txt'), 'utf8')).toContain('gunicorn==');
    expect(JSON.parse(readFileSync(path.join(repo, 'client/package.json'), 'utf8')).scripts['heroku-postbuild']).toBeDefined();
  });

  it('is undone whole when a write fails half-way: the user files are as they were', () => {
    const repo = djangoRepo();
    const [before, folders] = [filesBelow(repo), foldersBelow(repo)];
    const run = bin(repo, ['--yes'], { [FAIL_WRITE]: 'client/package.json' });
    expect(run.status).toBe(1);
    expect(refusal(run.stderr)).toBe('create-django-monorepo: The disk failed writing client/package.json (I/O error): check the disk and run again. (the run was undone: nothing changed)');
    expect(filesBelow(repo)).toEqual(before);
    expect(foldersBelow(repo)).toEqual(folders);
  });

  it('refuses to write through a link out of the repo (a Procfile linked to a file not there yet), naming the link', () => {
    const repo = djangoRepo();
    const outside = path.join(scratch, `shared-${count}`, 'Procfile');
    symlinkSync(outside, path.join(repo, 'Procfile'));
    const before = diskState(repo);
    for (const extra of [[], ['--force']]) {
      const run = bin(repo, ['--yes', ...extra]);
      expect(run.status).toBe(1);
      expect(refusal(run.stderr)).toBe(
        `create-django-monorepo: Procfile is a link to ${outside} (missing), outside the project; Procfile would be written through it: replace the link with a file, or remove it. Nothing was written.`,
      );
    }
    expect(existsSync(path.dirname(outside))).toBe(false);
    expect(diskState(repo)).toEqual(before);
  });
});

describe('a re-run on a project made by the bin', () => {
  it('refuses to write through a generated .gitignore replaced by a link out of the project, with or without --force', () => {
    const { cwd, project } = newProject();
    const outside = path.join(scratch, `outside-${count}.txt`);
    writeFileSync(outside, 'my global ignores\n');
    rmSync(path.join(project, '.gitignore'));
    symlinkSync(outside, path.join(project, '.gitignore'));
    const before = diskState(project);
    for (const extra of [[], ['--force']]) {
      const run = bin(cwd, [path.basename(project), ...QUICK, ...extra]);
      expect(run.status).toBe(1);
      expect(refusal(run.stderr)).toBe(
        `create-django-monorepo: .gitignore is a link to ${outside}, outside the project; .gitignore would be written through it: replace the link with a file, or remove it. Nothing was written.`,
      );
    }
    expect(readFileSync(outside, 'utf8')).toBe('my global ignores\n');
    expect(diskState(project)).toEqual(before);
  });

  it('refuses, without a terminal, to replace a file the user changed, naming it and --force; --force replaces it', () => {
    const { cwd, project } = newProject();
    const urls = path.join(project, 'backend/app/urls.py');
    const generated = readFileSync(urls, 'utf8');
    writeFileSync(urls, `${generated}# mine\n`);
    const before = diskState(project);
    const refused = bin(cwd, [path.basename(project), ...QUICK]);
    expect(refused.status).toBe(1);
    expect(refusal(refused.stderr)).toBe(
      'create-django-monorepo: backend/app/urls.py differs from what the generator writes (1 line removed), and the plan did not announce replacing it: run again with --force to replace it, or in a terminal to be asked. Nothing was written.',
    );
    expect(diskState(project)).toEqual(before);
    expect(bin(cwd, [path.basename(project), ...QUICK, '--force']).status).toBe(0);
    expect(readFileSync(urls, 'utf8')).toBe(generated);
  });

  it('in a terminal, asks a question that says what would change, and keeps the file on "n"', async () => {
    const { cwd, project } = newProject();
    const urls = path.join(project, 'backend/app/urls.py');
    writeFileSync(urls, `${readFileSync(urls, 'utf8')}# mine\n`);
    const edited = readFileSync(urls, 'utf8');
    // util-linux's script(1) gives the bin a pseudo-terminal; the answer is typed once the question shows.
    const command = [process.execPath, BIN, path.basename(project), '--skip-install', '--skip-git'].map((arg) => `'${arg}'`).join(' ');
    const terminal = spawn('script', ['-qfec', command, '/dev/null'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    const question = "backend/app/urls.py differs from what the generator writes (1 line removed): replace it with the generator's version?";
    terminal.stdout.on('data', (chunk: Buffer) => {
      const before = screen;
      screen += chunk.toString();
      // The terminal wraps the question and styles it: compare without escapes and whitespace.
      const plain = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\s+/g, '');
      if (!plain(before).includes(plain(question)) && plain(screen).includes(plain(question))) terminal.stdin.write('n\r');
    });
    const stop = setTimeout(() => terminal.kill('SIGKILL'), 45_000);
    const code = await new Promise<number | null>((resolve) => terminal.once('exit', resolve));
    clearTimeout(stop);
    expect(code, screen).toBe(0);
    expect(screen).toContain('keep backend/app/urls.py');
    expect(readFileSync(urls, 'utf8')).toBe(edited);
  }, 60_000);

  it('refuses a changed layout answer before writing anything', () => {
    const { cwd, project } = newProject();
    const before = diskState(project);
    const run = bin(cwd, [path.basename(project), ...QUICK, '--module', 'shop']);
    expect(run.status).toBe(1);
    expect(refusal(run.stderr)).toBe(
      'create-django-monorepo: --module "shop" differs from "app", the answer this project was made with (.yo-rc.json): the generator cannot move an existing project to another Python package; run without --module, or make a new project and move your code into it.',
    );
    expect(diskState(project)).toEqual(before);
  });
});

describe('a new project through the bin fast path', () => {
  it('is undone whole when a write fails half-way: no folder is left', () => {
    const cwd = folder();
    mkdirSync(cwd);
    const run = bin(cwd, ['my-app', ...QUICK], { [FAIL_WRITE]: 'backend/app/urls.py' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('create-django-monorepo: The disk failed writing backend/app/urls.py (I/O error): check the disk and run again. (the run was undone: nothing changed)\n');
    expect(filesBelow(cwd)).toEqual({});
    expect(foldersBelow(cwd)).toEqual([]);
  });

  it('refuses a module name too long for the file system in one line, writing nothing', () => {
    const cwd = folder();
    mkdirSync(cwd);
    const run = bin(cwd, ['my-app', ...QUICK, '--module', 'm'.repeat(300)]);
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toMatch(/^create-django-monorepo: .*(255|too long|shorter)/);
    expect(filesBelow(cwd)).toEqual({});
    expect(foldersBelow(cwd)).toEqual([]);
  });

  // A 64 KB tmpfs, where the machine lets root mount one (this one does; a container may not).
  const tiny = (options = 'size=64k') => {
    const mountPoint = folder();
    mkdirSync(mountPoint);
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', mountPoint], { stdio: 'ignore' }).status === 0;
    if (!mounted) console.warn('\n  tmpfs cannot be mounted here: the full-disk case is proven by the injected failure only\n');
    // CI runs as root on this kind of machine, where mounting works: there a skip would hide a regression.
    if (!mounted && process.env.CI === 'true') throw new Error('CI=true and a tmpfs cannot be mounted: run the tests as root');
    return { mountPoint, mounted };
  };

  it('refuses a disk too full for the project before writing anything (a 64 KB tmpfs), in one line', (context) => {
    const { mountPoint, mounted } = tiny();
    if (!mounted) return context.skip();
    try {
      const run = bin(mountPoint, ['my-app', ...QUICK]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^create-django-monorepo: No space left on the disk holding .*my-app: \d+ KB are needed; free some space and run again \(nothing was written\)\.\n$/);
      expect(foldersBelow(mountPoint)).toEqual([]);
    } finally {
      spawnSync('umount', [mountPoint], { stdio: 'ignore' });
    }
  });

  it('refuses a read-only file system in one line, naming the folder', (context) => {
    const { mountPoint, mounted } = tiny('ro,size=64k');
    if (!mounted) return context.skip();
    try {
      const run = bin(mountPoint, ['my-app', ...QUICK]);
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(`create-django-monorepo: ${mountPoint} is on a read-only file system: choose a folder on a writable disk. (nothing was written)\n`);
    } finally {
      spawnSync('umount', [mountPoint], { stdio: 'ignore' });
    }
  });
});
