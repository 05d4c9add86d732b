// Errors through the shipped bin (no terminal) and yo's environment: one line that says what to do,
// before anything is written; the stack trace only with DEBUG set.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_PYTHON } from '../../lib/versions.js';
import { diskState } from '../support/disk.js';
import { djangoRepo, entriesBelow, removeTempFolders, runBin, runYo, tempFolder } from './bin-run.js';

afterAll(removeTempFolders);

const NEW = ['--yes', '--skip-install', '--skip-git'];
const ONE_LINE = /^create-django-monorepo: [^\n]+\n$/;

/** A project made by the bin, with its .yo-rc.json changed by `edit`. */
function projectWithConfig(edit: (text: string) => string): { cwd: string; project: string } {
  const cwd = tempFolder();
  expect(runBin(cwd, ['shop', ...NEW]).status).toBe(0);
  const project = path.join(cwd, 'shop');
  const file = path.join(project, '.yo-rc.json');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return { cwd, project };
}

describe('a corrupted or wrongly typed .yo-rc.json', () => {
  it.each([[['shop']], [[]]])('not JSON: named with the fix, nothing written (bin %j)', (folder) => {
    const { cwd, project } = projectWithConfig(() => '{ "generator-django-monorepo": {');
    const before = diskState(project);
    const run = runBin(folder.length ? cwd : project, [...folder, ...NEW]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(ONE_LINE);
    expect(run.stderr).toContain(`${path.join(project, '.yo-rc.json')} is not valid JSON`);
    expect(run.stderr).toContain('delete it to answer the questions again');
    expect(diskState(project)).toEqual(before);
  });

  it('also in a Django repo the bin would retrofit', () => {
    const repo = djangoRepo(tempFolder());
    writeFileSync(path.join(repo, '.yo-rc.json'), '{ oops');
    const before = entriesBelow(repo);
    const run = runBin(repo, ['--yes', '--client', 'none']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(ONE_LINE);
    expect(run.stderr).toContain('.yo-rc.json is not valid JSON');
    expect(entriesBelow(repo)).toEqual(before);
  });

  it('a stored number is reported as the stored answer, not as a flag', () => {
    const { cwd, project } = projectWithConfig((text) => text.replace(`"pythonVersion": "${DEFAULT_PYTHON}"`, '"pythonVersion": 3.10'));
    const before = diskState(project);
    const run = runBin(cwd, ['shop', ...NEW]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe(
      `create-django-monorepo: The answer "pythonVersion" stored in .yo-rc.json is the number 3.1, not text: write it in quotes there (like "pythonVersion": "${DEFAULT_PYTHON}"), or pass --python to replace it.\n`,
    );
    expect(diskState(project)).toEqual(before);
  });

  it('a stored text that breaks its rule is named as stored', () => {
    const { cwd } = projectWithConfig((text) => text.replace('"module": "app"', '"module": "os"'));
    const run = runBin(cwd, ['shop', ...NEW]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The answer "module" stored in .yo-rc.json ("os") shadows a module of the Python standard library');
    expect(run.stderr).not.toContain('--module "os"');
  });

  it('through yo’s environment too', () => {
    const { project } = projectWithConfig(() => '{ broken');
    const run = runYo(project, 'django-monorepo:backend', ['--yes']);
    expect(run.stderr).toContain(`${path.join(project, '.yo-rc.json')} is not valid JSON`);
    expect(run.stderr).not.toContain('An error occured while running');
  });
});

describe('a target that cannot be a folder', () => {
  it.each([['notes.txt'], ['notes.txt/app']])('%s: a sentence naming the file, not ENOTDIR', (folder) => {
    const cwd = tempFolder();
    writeFileSync(path.join(cwd, 'notes.txt'), 'mine\n');
    const run = runBin(cwd, [folder, ...NEW]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(ONE_LINE);
    expect(run.stderr).toContain(`${path.join(cwd, 'notes.txt')} is a file`);
    expect(run.stderr).not.toContain('ENOTDIR');
    expect(readFileSync(path.join(cwd, 'notes.txt'), 'utf8')).toBe('mine\n');
    expect(entriesBelow(cwd)).toEqual(['notes.txt']);
  });
});

describe('errors are one line, the stack only with DEBUG', () => {
  it('one line without DEBUG, with no "An error occured" line from Yeoman', () => {
    const cwd = tempFolder();
    mkdirSync(path.join(cwd, 'taken'));
    writeFileSync(path.join(cwd, 'taken', 'notes.txt'), 'mine\n');
    const run = runBin(cwd, ['taken', '--skip-install']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(ONE_LINE);
  });

  it('the stack follows the line with DEBUG set', () => {
    const cwd = tempFolder();
    writeFileSync(path.join(cwd, 'notes.txt'), 'mine\n');
    const run = runBin(cwd, ['notes.txt', ...NEW], { DEBUG: '1' });
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toContain('is a file, not a folder');
    expect(run.stderr).toMatch(/\n\s+at /);
  });

  it('a question with no terminal says to pass the answer or --yes', () => {
    const cwd = tempFolder();
    const run = runBin(cwd, ['my-app', '--skip-install', '--skip-git']);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n').at(-1)).toBe(
      'create-django-monorepo: A question was asked with no terminal to answer it: give its answer as a flag, or pass --yes to take the defaults.',
    );
    expect(run.stderr).not.toContain('force closed');
  });
});

describe("the client's package.json as editors leave it", () => {
  const pkg = `{\n  "name": "web",\n  "private": true,\n  "scripts": {\n    "dev": "vite",\n    "build": "vite build"\n  },\n  "devDependencies": { "vite": "8.0.0" }\n}\n`;

  it('with a UTF-8 byte-order mark: read, and the retrofit completes', () => {
    const repo = djangoRepo(tempFolder());
    mkdirSync(path.join(repo, 'web'));
    writeFileSync(path.join(repo, 'web/package.json'), `\uFEFF${pkg}`);
    const run = runBin(repo, ['--yes', '--force']);
    expect(run.status, run.stderr).toBe(0);
    const edited = readFileSync(path.join(repo, 'web/package.json'), 'utf8');
    // mem-fs drops the mark when it reads the file; npm reads the file either way.
    expect(JSON.parse(edited.replace(/^\uFEFF/, '')).scripts['heroku-postbuild']).toBeDefined();
  });

  it('with comments: one line naming the file, nothing written', () => {
    const repo = djangoRepo(tempFolder());
    mkdirSync(path.join(repo, 'web'));
    writeFileSync(path.join(repo, 'web/package.json'), pkg.replace('"scripts": {', '// the scripts Heroku runs\n  "scripts": {'));
    const before = diskState(repo);
    const run = runBin(repo, ['--yes', '--force']);
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n').at(-1)).toMatch(/^create-django-monorepo: web\/package.json is not valid JSON \(.+\); npm and Heroku's Node.js buildpack cannot read it either/);
    expect(run.stderr).not.toContain('No JavaScript client found');
    expect(diskState(repo)).toEqual(before);
  });
});
