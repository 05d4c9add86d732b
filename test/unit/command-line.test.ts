import { describe, expect, it } from 'vitest';
import { checkFlagsForPath, deployOptionsFrom, readFlags } from '../../lib/command-line.js';
import { errorLine } from '../../lib/error-message.js';
import { helpText } from '../../lib/help.js';

describe('readFlags', () => {
  it('reads values in both forms, switches, negations and the folder', () => {
    const { folder, extra, given } = readFlags(['shop', '--module', 'store', '--client=web', '-y', '--no-skip-git', '--force', 'more']);
    expect([folder, extra]).toEqual(['shop', ['more']]);
    expect([given('module'), given('client'), given('yes'), given('skip-git'), given('force'), given('python')]).toEqual(['store', 'web', true, false, true, undefined]);
  });

  it('does not take the word after a switch as its value', () => {
    expect(readFlags(['--yes', 'shop']).folder).toBe('shop');
    expect(readFlags(['--replace-pipeline', 'shop']).folder).toBe('shop');
    expect(readFlags(['--settings', 'config.settings', 'shop']).folder).toBe('shop');
  });
});

describe('checkFlagsForPath', () => {
  const flags = (args: string[]) => readFlags(args).given;

  it('refuses each path the other path’s flags', () => {
    expect(() => checkFlagsForPath('new', flags(['--urlconf', 'a.urls']))).toThrow('--urlconf applies only to a folder that already holds a Django project');
    expect(() => checkFlagsForPath('new', flags(['--replace-pipeline']))).toThrow('--replace-pipeline applies only to a folder');
    expect(() => checkFlagsForPath('retrofit', flags(['--framework', 'vue-ts']))).toThrow('--framework applies only to a new project');
  });

  it('checks values by the path’s own rules', () => {
    expect(() => checkFlagsForPath('retrofit', flags(['--backend', '.', '--client', 'none']))).not.toThrow();
    expect(() => checkFlagsForPath('new', flags(['--backend', '.']))).toThrow('--backend "."');
    expect(() => checkFlagsForPath('retrofit', flags(['--settings', 'not a module']))).toThrow('--settings "not a module" must be a dotted Python module');
  });

  it('accepts the switches both paths share', () => {
    for (const path of ['new', 'retrofit'] as const) {
      expect(() => checkFlagsForPath(path, flags(['--yes', '--force', '--skip-install', '--skip-git', '--templates', 't', '--python', '3.12']))).not.toThrow();
    }
  });

  it('forwards every retrofit flag given, and only those', () => {
    const given = flags(['--client', 'none', '--settings', 'a.settings', '--client-dist', 'out', '--yes', '--force', '--skip-git', '--module', 'x']);
    expect(deployOptionsFrom(given)).toEqual({ client: 'none', settings: 'a.settings', 'client-dist': 'out', yes: true, force: true });
  });
});

describe('errorLine and --help', () => {
  it('turns a system error into a sentence naming the file, and joins several lines', () => {
    const error = Object.assign(new Error("ENOTDIR: not a directory, mkdir '/tmp/x/y'"), { code: 'ENOTDIR', path: '/tmp/x/y' });
    expect(errorLine(error)).toBe('A part of /tmp/x/y is a file, not a folder: move it away or choose another folder.');
    expect(errorLine(new Error('first\n  second'))).toBe('first second');
  });

  it('--help names no Yeoman internals', () => {
    expect(helpText('create-django-monorepo')).not.toMatch(/--(skip-cache|ask-answered|local-config-only|bail|whitespace)\b/);
  });
});
