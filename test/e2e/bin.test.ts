// The command line through the shipped bin, as a child process without a terminal (and through
// yo's environment where that path differs): --help, --version, --print-context, the retrofit's flags.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diskState } from '../support/disk.js';
import { REPO_ROOT } from '../support/generators.js';
import { djangoRepo, entriesBelow, removeTempFolders, runBin, runYo, tempFolder } from './bin-run.js';

afterAll(removeTempFolders);

const NEW = ['--skip-install', '--skip-git'];

describe('--help and --version', () => {
  it('--help lists the subgenerators and their flags, not Yeoman internals', () => {
    const run = runBin(tempFolder(), ['--help']);
    expect(run.status).toBe(0);
    for (const name of [':backend', ':client', ':deploy', ':eject', ':heroku']) expect(run.stdout).toContain(`yo django-monorepo${name}`);
    for (const flag of ['--module', '--framework', '--settings', '--client-dist', '--postbuild', '--print-context', '--dry-run', '--rotate-secret']) {
      expect(run.stdout).toContain(flag);
    }
    for (const internal of ['--skip-cache', '--ask-answered', '--local-config-only', '--skip-yo-resolve', '--whitespace', '--bail']) {
      expect(run.stdout).not.toContain(internal);
    }
  });

  it('--version and -V print the package version', () => {
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const run = runBin(tempFolder(), [flag]);
      expect([run.status, run.stdout, run.stderr]).toEqual([0, `${version}\n`, '']);
    }
  });
});

describe('--print-context writes nothing and prints the context as JSON on stdout', () => {
  it.each([[['--yes']], [['--yes', ...NEW]], [['--yes', '--force']], [['--yes', '--module', 'config', '--framework', 'none']]])(
    'through the bin for a new folder, with %j',
    (extra) => {
      const cwd = tempFolder();
      const run = runBin(cwd, ['my-app', '--print-context', ...extra]);
      expect(run.status).toBe(0);
      const context = JSON.parse(run.stdout) as { projectName: string; module: string };
      expect(context.projectName).toBe('my-app');
      expect(context.module).toBe(extra.includes('config') ? 'config' : 'app');
      expect(entriesBelow(cwd)).toEqual([]);
    },
  );

  it('through the bin in the current (empty) folder', () => {
    const cwd = tempFolder();
    const run = runBin(cwd, ['--print-context', '--yes']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ projectName: path.basename(cwd) });
    expect(entriesBelow(cwd)).toEqual([]);
  });

  it('through the bin in a project it made: the stored answers, nothing re-rendered', () => {
    const cwd = tempFolder();
    expect(runBin(cwd, ['shop', '--yes', '--module', 'store', ...NEW]).status).toBe(0);
    const before = diskState(path.join(cwd, 'shop'));
    const run = runBin(cwd, ['shop', '--print-context', '--yes']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ projectName: 'shop', module: 'store' });
    expect(diskState(path.join(cwd, 'shop'))).toEqual(before);
  });

  it.each([['django-monorepo:app'], ['django-monorepo:backend'], ['django-monorepo:client']])('through yo’s environment (%s)', (namespace) => {
    const cwd = tempFolder();
    const args = namespace.endsWith(':app') ? ['my-app', '--print-context', '--yes'] : ['--print-context', '--yes'];
    const run = runYo(cwd, namespace, args);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveProperty('module', 'app');
    expect(entriesBelow(cwd)).toEqual([]);
  });
});

describe('the retrofit through the bin gets every :deploy flag', () => {
  it('forwards --client none, --settings, --urlconf, --heroku-settings, --python, --backend, --yes and --force', () => {
    const repo = djangoRepo(tempFolder());
    const flags = ['--client', 'none', '--settings', 'mysite.settings', '--urlconf', 'mysite.urls', '--heroku-settings', 'mysite.prod'];
    const run = runBin(repo, [...flags, '--python', '3.12', '--backend', 'server', '--yes', '--force']);
    expect(run.status, run.stderr).toBe(0);
    expect(readFileSync(path.join(repo, 'server/requirements.txt'), 'utf8')).toContain('gunicorn');
    expect(readFileSync(path.join(repo, 'server/.python-version'), 'utf8').trim()).toBe('3.12');
    expect(existsSync(path.join(repo, 'server/mysite/prod.py'))).toBe(true);
    expect(existsSync(path.join(repo, '.buildpacks'))).toBe(true);
  });

  it('refuses a --backend that holds no manage.py instead of ignoring it', () => {
    const repo = djangoRepo(tempFolder());
    const before = entriesBelow(repo);
    const run = runBin(repo, ['--backend', 'nothere', '--client', 'none', '--yes']);
    expect(run.status).toBe(1);
    // One error line, without Yeoman's "✖ An error occured while running ..." before it.
    expect(run.stderr).toMatch(/already holds a Django project[^\n]*\ncreate-django-monorepo: --backend nothere[^\n]*\n$/);
    expect(entriesBelow(repo)).toEqual(before);
  });

  it.each([
    [['--module', 'shop']],
    [['--framework', 'vue-ts']],
    [['--heroku-app', 'my-shop']],
    [['--node', '22']],
    [['--python-deps', 'pipenv']],
    [['--print-context']],
  ])('refuses %j, a new project’s flag, in one line before writing', (flag) => {
    const repo = djangoRepo(tempFolder());
    const before = entriesBelow(repo);
    const run = runBin(repo, [...flag, '--yes']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^create-django-monorepo: ${flag[0]} applies only to a new project[^\\n]*\\n$`));
    expect(entriesBelow(repo)).toEqual(before);
  });

  it.each([[['--settings', 'a.b']], [['--urlconf', 'a.urls']], [['--heroku-settings', 'a.prod']], [['--client-dist', 'out']], [['--postbuild', 'make']]])(
    'refuses %j, a retrofit flag, for a new project in one line before writing',
    (flag) => {
      const cwd = tempFolder();
      const run = runBin(cwd, ['my-app', ...flag, '--yes', ...NEW]);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^create-django-monorepo: ${flag[0]} applies only to a folder that already holds a Django project[^\\n]*\\n$`));
      expect(entriesBelow(cwd)).toEqual([]);
    },
  );

  it('tells a new project’s --client none to use --framework none', () => {
    const cwd = tempFolder();
    mkdirSync(path.join(cwd, 'empty'));
    const run = runBin(cwd, ['empty', '--client', 'none', '--yes', ...NEW]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('use --framework none');
    expect(entriesBelow(cwd)).toEqual(['empty']);
  });

  it('yo’s environment refuses the same off-path flags in a Django repo', () => {
    const repo = djangoRepo(tempFolder());
    const before = entriesBelow(repo);
    const run = runYo(repo, 'django-monorepo:app', ['--module', 'shop', '--yes']);
    expect(run.stderr).toContain('--module applies only to a new project');
    expect(entriesBelow(repo)).toEqual(before);
  });
});

describe('names that would break the project are refused in one line before anything is written', () => {
  const CASES: Array<[string[], string]> = [
    ...['admin', 'auth', 'contenttypes', 'sessions', 'messages', 'staticfiles'].map((label): [string[], string] => [['--module', label], `django.contrib.${label}`]),
    [['--module', '__main__'], 'dunder name'],
    [['--module', 'm'.repeat(300)], 'longer than the 255 characters'],
    ...['venv', '.venv', 'node_modules', '__pycache__', 'staticfiles'].map((name): [string[], string] => [['--backend', name], name.startsWith('.') ? 'letters, digits' : 'the generated .gitignore ignores']),
    [['--client', 'node_modules'], 'the generated .gitignore ignores'],
    [['--client', 'web/dist'], 'the generated .gitignore ignores'],
  ];

  it.each(CASES)('%j', (flag, rule) => {
    const cwd = tempFolder();
    const run = runBin(cwd, ['my-app', ...flag, '--yes', ...NEW]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^create-django-monorepo: [^\n]+\n$/);
    expect(run.stderr).toContain(`${flag[0]} ${JSON.stringify(flag[1])}`);
    expect(run.stderr).toContain(rule);
    expect(entriesBelow(cwd)).toEqual([]);
  });

  it('through yo’s environment too', () => {
    const cwd = tempFolder();
    const run = runYo(cwd, 'django-monorepo:app', ['my-app', '--module', 'admin', '--yes', ...NEW]);
    expect(run.stderr).toContain("--module \"admin\" is the label of Django's own app django.contrib.admin");
    expect(run.stderr).not.toContain('An error occured while running');
    expect(entriesBelow(cwd)).toEqual([]);
  });
});
