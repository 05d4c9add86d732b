import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import helpers, { result } from 'yeoman-test';
import { afterAll, describe, expect, it } from 'vitest';
import { readCommandLine, servesQuickly } from '../../bin/quick-create.js';
import AppGenerator from '../../generators/app/index.js';
import { BIN, generatorSource } from '../support/generators.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

function tempFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'quick-'));
  folders.push(folder);
  return folder;
}

function filesBelow(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[path.relative(folder, path.join(entry.parentPath, entry.name))] = readFileSync(path.join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

describe('which command lines the fast path serves', () => {
  it('serves --yes with answer flags, in both --flag value and --flag=value forms', () => {
    const line = readCommandLine(['my-app', '--yes', '--module', 'config', '--framework=vue-ts', '--skip-install', '--skip-git']);
    expect(line).toEqual({
      folder: 'my-app',
      given: { module: 'config', framework: 'vue-ts' },
      yes: true,
      skipInstall: true,
      skipGit: true,
      plain: true,
    });
    expect(servesQuickly(line)).toBe(true);
    expect(servesQuickly(readCommandLine(['-y']))).toBe(true);
  });

  it('still reads the answers of a command line it leaves to Yeoman, so they are checked first', () => {
    const line = readCommandLine(['my-app', '--force', '--module=os', '--heroku-app', 'x']);
    expect(servesQuickly(line)).toBe(false);
    expect(line.given).toEqual({ module: 'os', herokuApp: 'x' });
  });

  it.each([
    [['my-app']],
    [['my-app', '--yes', '--force']],
    [['my-app', '--yes', '--help']],
    [['--yes', '--dry-run']],
    [['--yes', '--templates', 'team/']],
    [['--yes', '--print-context']],
    [['--yes', '--bogus']],
    [['a', 'b', '--yes']],
    [['--yes', '--module']],
    [['--yes', '--skip-git=false']],
  ])('leaves %j to Yeoman', (args) => {
    expect(servesQuickly(readCommandLine(args))).toBe(false);
  });
});

const CASES = [
  [],
  ['--framework', 'none', '--python-deps', 'pipenv'],
  ['--module', 'config', '--backend', 'server', '--client', 'web', '--framework', 'svelte-ts', '--heroku-app', 'shop-prod'],
];

describe.each(CASES)('the fast path and the Yeoman path, with %j', (...flags) => {
  it('write byte-identical projects', async () => {
    const quick = tempFolder();
    execFileSync(process.execPath, [BIN, 'my-app', '--yes', '--skip-install', '--skip-git', ...flags], { cwd: quick });
    const options: Record<string, string | boolean> = { yes: true, skipInstall: true, skipGit: true };
    for (let i = 0; i < flags.length; i += 2) options[flags[i].slice(2)] = flags[i + 1];
    await helpers.run(AppGenerator, generatorSource('app')).withArguments(['my-app']).withOptions(options);
    const quickFiles = filesBelow(path.join(quick, 'my-app'));
    expect(Object.keys(quickFiles).length).toBeGreaterThan(15);
    expect(quickFiles).toEqual(filesBelow(path.join(result.cwd, 'my-app')));
  });
});

describe('the fast path never touches existing files', () => {
  it('hands a non-empty folder to the Yeoman path, which refuses it', () => {
    const cwd = tempFolder();
    mkdirSync(path.join(cwd, 'taken'));
    writeFileSync(path.join(cwd, 'taken', 'notes.txt'), 'mine\n');
    const run = spawnSync(process.execPath, [BIN, 'taken', '--yes', '--skip-install', '--skip-git'], { cwd, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('must be empty or a project made by this generator');
    expect(readdirSync(path.join(cwd, 'taken'))).toEqual(['notes.txt']);
  });

  it.each([[['--yes']], [[]], [['--force']]])('fails on bad input in one line before creating the folder, also with %j', (extra) => {
    const cwd = tempFolder();
    const run = spawnSync(process.execPath, [BIN, 'new-app', ...extra, '--heroku-app', 'Bad_Name'], { cwd, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('create-django-monorepo: --heroku-app "Bad_Name" must be 3-30 lowercase letters, digits or dashes, starting with a letter.\n');
    expect(readdirSync(cwd)).toEqual([]);
  });
});
