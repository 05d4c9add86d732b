import { describe, expect, it } from 'vitest';
import { decideWrites, lengthProblem } from '../../lib/apply/decide.js';
import { explainSystemError } from '../../lib/apply/errors.js';
import { countLineChanges, describeLineChanges } from '../../lib/apply/line-changes.js';
import type { FileChange, PathState } from '../../lib/apply/types.js';

const disk = (files: Record<string, PathState>) => (file: string): PathState => files[file] ?? { kind: 'missing' };

describe('decideWrites', () => {
  const create: FileChange = { path: 'Procfile', contents: 'web: gunicorn\n', action: 'create' };

  it('writes missing files and leaves identical ones alone, so a re-run writes nothing', () => {
    const decision = decideWrites('/p', [create, { path: 'a.txt', contents: 'x', action: 'create' }], disk({ 'a.txt': { kind: 'file', contents: 'x' } }));
    expect(decision).toEqual({ writes: [create], identical: ['a.txt'], conflicts: [], refusals: [] });
  });

  it('applies announced edits of existing files, but a create over a different file is a conflict saying what changes', () => {
    const edit: FileChange = { path: 'requirements.txt', contents: 'django\ngunicorn\n', action: 'add-lines' };
    const decision = decideWrites('/p', [create, edit], disk({ Procfile: { kind: 'file', contents: 'web: mine\nworker: x\n' }, 'requirements.txt': { kind: 'file', contents: 'django\n' } }));
    expect(decision.writes).toEqual([edit]);
    expect(decision.conflicts.map(({ path, summary }) => ({ path, summary }))).toEqual([{ path: 'Procfile', summary: '1 line replaced, 1 line removed' }]);
  });

  it('refuses links out of the project, naming the link, and folders or files in the way', () => {
    const decision = decideWrites(
      '/p',
      [{ ...create, path: '.gitignore' }, { ...create, path: 'a/b.txt' }, { ...create, path: 'c' }],
      disk({
        '.gitignore': { kind: 'outside-link', link: '.gitignore', target: '/etc/outside' },
        'a/b.txt': { kind: 'parent-is-file', blocker: 'a' },
        c: { kind: 'folder' },
      }),
    );
    expect(decision.writes).toEqual([]);
    expect(decision.refusals).toEqual([
      '.gitignore is a link to /etc/outside, outside the project; .gitignore would be written through it: replace the link with a file, or remove it.',
      'a is a file, but a/b.txt needs it to be a folder: move it away and run again.',
      'c is a folder, where a file goes: move it away and run again.',
    ]);
  });

  it('refuses names and paths longer than the file system takes', () => {
    expect(lengthProblem('/p', `backend/${'m'.repeat(256)}/x.py`)).toMatch(/is 256 bytes, over the file system's 255: choose a shorter name\.$/);
    expect(lengthProblem('/p', `backend/${'m'.repeat(255)}/x.py`)).toBeUndefined();
    expect(lengthProblem('/p', Array.from({ length: 20 }, () => 'd'.repeat(250)).join('/'))).toMatch(/full path is \d+ bytes, over the file system's 4095/);
  });
});

describe('countLineChanges', () => {
  it.each([
    ['a\nb\n', 'a\nb\nc\n', '1 line added'],
    ['a\nb\nc\n', 'a\nc\n', '1 line removed'],
    ['a\nb\nc\n', 'a\nB\nC\nd\n', '2 lines replaced, 1 line added'],
    ['a\n', 'a\r\n', 'line endings or whitespace only'],
  ])('%j -> %j: %s', (before, after, said) => {
    expect(describeLineChanges(countLineChanges(before, after))).toBe(said);
  });
});

describe('explainSystemError', () => {
  it.each([
    ['ENOSPC', 'No space left on the disk holding a/b.py: free some space and run again. (the run was undone)'],
    ['EROFS', 'a/b.py is on a read-only file system: choose a folder on a writable disk. (the run was undone)'],
    ['ENAMETOOLONG', 'a/b.py is a longer path than the file system takes: choose a shorter folder or name. (the run was undone)'],
    ['ENOTDIR', 'A part of a/b.py is a file, not a folder: move it away or choose another folder. (the run was undone)'],
    ['EACCES', "No permission to write a/b.py: fix the folder's permissions (or choose another folder) and run again. (the run was undone)"],
  ])('turns %s into one sentence naming the file', (code, sentence) => {
    const error = explainSystemError(Object.assign(new Error(`${code}: raw`), { code }), 'a/b.py', 'the run was undone');
    expect(error.message).toBe(sentence);
    expect(error.name).toBe('ApplyError');
  });
});
