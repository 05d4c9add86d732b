import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyChanges, JOURNAL, recoverInterruptedRun, type FileChange } from '../../lib/apply/index.js';
import { newJournal, sha256, writeJournal } from '../../lib/apply/journal.js';

const FAIL_WRITE = 'GENERATOR_DJANGO_MONOREPO_TEST_FAIL_WRITE';
let scratch = '';
afterEach(() => {
  delete process.env[FAIL_WRITE];
  rmSync(scratch, { recursive: true, force: true });
});

/** A repo with one user file, in a fresh scratch folder. */
function repo(): string {
  scratch = mkdtempSync(path.join(tmpdir(), 'apply-'));
  const root = path.join(scratch, 'repo');
  mkdirSync(path.join(root, 'server'), { recursive: true });
  writeFileSync(path.join(root, 'server/requirements.txt'), 'django\n');
  chmodSync(path.join(root, 'server/requirements.txt'), 0o640);
  return root;
}

function files(root: string): Record<string, string> {
  if (!existsSync(root)) return {};
  return Object.fromEntries(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => !entry.isDirectory())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [path.relative(root, file), entry.isSymbolicLink() ? '(link)' : readFileSync(file, 'utf8')];
      }),
  );
}

const CHANGES: FileChange[] = [
  { path: 'Procfile', contents: 'web: gunicorn\n', action: 'create' },
  { path: 'server/requirements.txt', contents: 'django\ngunicorn\n', action: 'add-lines' },
  { path: 'server/deep/er/heroku.py', contents: '# ours\n', action: 'create' },
];

describe('applyChanges', () => {
  it('writes every change, keeps the mode of an edited file, and leaves no journal or temporary file', async () => {
    const root = repo();
    const lines: string[] = [];
    await applyChanges(root, CHANGES, { log: (line) => lines.push(line.trim()) });
    expect(files(root)).toEqual({ Procfile: 'web: gunicorn\n', 'server/requirements.txt': 'django\ngunicorn\n', 'server/deep/er/heroku.py': '# ours\n' });
    expect(statSync(path.join(root, 'server/requirements.txt')).mode & 0o777).toBe(0o640);
    expect(lines).toEqual(['create Procfile', 'add to server/requirements.txt', 'create server/deep/er/heroku.py']);
    const again = await applyChanges(root, CHANGES);
    expect(again.written).toEqual([]);
  });

  it('undoes a write that fails half-way: the user file is back, new files and folders are gone', async () => {
    const root = repo();
    const before = files(root);
    process.env[FAIL_WRITE] = 'server/deep/er/heroku.py';
    await expect(applyChanges(root, CHANGES)).rejects.toThrow(
      'The disk failed writing server/deep/er/heroku.py (I/O error): check the disk and run again. (the run was undone: nothing changed)',
    );
    expect(files(root)).toEqual(before);
    expect(existsSync(path.join(root, 'server/deep'))).toBe(false);
    expect(statSync(path.join(root, 'server/requirements.txt')).mode & 0o777).toBe(0o640);
  });

  it('removes the project folder it created when the write fails', async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'apply-'));
    process.env[FAIL_WRITE] = 'b.txt';
    await expect(applyChanges(path.join(scratch, 'new'), [{ path: 'a/a.txt', contents: 'a', action: 'create' }, { path: 'b.txt', contents: 'b', action: 'create' }])).rejects.toThrow(/undone/);
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('refuses a link out of the project before writing anything, and leaves the outside file alone', async () => {
    const root = repo();
    writeFileSync(path.join(scratch, 'outside.txt'), 'not yours\n');
    symlinkSync(path.join(scratch, 'outside.txt'), path.join(root, 'Procfile'));
    await expect(applyChanges(root, CHANGES, { force: true })).rejects.toThrow(
      `Procfile is a link to ${path.join(scratch, 'outside.txt')}, outside the project; Procfile would be written through it: replace the link with a file, or remove it. Nothing was written.`,
    );
    expect(readFileSync(path.join(scratch, 'outside.txt'), 'utf8')).toBe('not yours\n');
    expect(files(root)['server/requirements.txt']).toBe('django\n');
  });

  it('names a linked folder on the way out, and follows links that stay inside', async () => {
    const root = repo();
    mkdirSync(path.join(scratch, 'elsewhere'));
    symlinkSync(path.join(scratch, 'elsewhere'), path.join(root, 'server/deep'));
    await expect(applyChanges(root, CHANGES)).rejects.toThrow(/^server\/deep is a link to .*elsewhere, outside the project/);
    rmSync(path.join(root, 'server/deep'));
    symlinkSync('server/requirements.txt', path.join(root, 'requirements.txt'));
    await applyChanges(root, [{ path: 'requirements.txt', contents: 'django\nwhitenoise\n', action: 'add-lines' }]);
    expect(files(root)).toMatchObject({ 'requirements.txt': '(link)', 'server/requirements.txt': 'django\nwhitenoise\n' });
  });

  it('refuses, without --force, a create that would replace a different file; asks when it can', async () => {
    const root = repo();
    writeFileSync(path.join(root, 'Procfile'), 'web: mine\n');
    await expect(applyChanges(root, CHANGES)).rejects.toThrow(
      'Procfile differs from what the generator writes (1 line replaced), and the plan did not announce replacing it: run again with --force to replace it, or in a terminal to be asked. Nothing was written.',
    );
    expect(files(root)['server/requirements.txt']).toBe('django\n');
    const asked: string[] = [];
    const result = await applyChanges(root, CHANGES, { ask: async ({ path: file, summary }) => (asked.push(`${file}: ${summary}`), false) });
    expect(asked).toEqual(['Procfile: 1 line replaced']);
    expect(result.kept).toEqual(['Procfile']);
    expect(files(root)).toMatchObject({ Procfile: 'web: mine\n', 'server/requirements.txt': 'django\ngunicorn\n' });
  });
});

describe('recoverInterruptedRun', () => {
  /** The disk as a run killed after its second file leaves it. */
  function interrupted(root: string, pid = process.pid): void {
    const entries = CHANGES.map((change, i) => ({
      path: change.path,
      temp: path.join(path.dirname(change.path), `.django-monorepo-${i}.tmp`),
      before: change.path === 'server/requirements.txt' ? Buffer.from('django\n').toString('base64') : null,
      mode: change.path === 'server/requirements.txt' ? 0o640 : null,
      after: sha256(change.contents),
    }));
    writeJournal(root, { ...newJournal(false, ['server/deep', 'server/deep/er'], entries), pid });
    writeFileSync(path.join(root, 'Procfile'), CHANGES[0].contents);
    writeFileSync(path.join(root, 'server/requirements.txt'), CHANGES[1].contents);
    mkdirSync(path.join(root, 'server/deep/er'), { recursive: true });
    writeFileSync(path.join(root, 'server/deep/er/.django-monorepo-2.tmp'), '# ou');
  }

  it('puts the folder back as it was before the killed run, then a run completes normally', async () => {
    const root = repo();
    const before = files(root);
    interrupted(root);
    await expect(applyChanges(root, CHANGES)).rejects.toThrow(`${JOURNAL} is left from an interrupted run`);
    expect(recoverInterruptedRun(root)).toEqual(CHANGES.map((change) => path.join(root, change.path)));
    expect(files(root)).toEqual(before);
    expect(existsSync(path.join(root, 'server/deep'))).toBe(false);
    expect(recoverInterruptedRun(root)).toEqual([]);
  });

  it('stops, touching nothing, when a file changed after the interrupted run wrote it', () => {
    const root = repo();
    interrupted(root);
    writeFileSync(path.join(root, 'Procfile'), 'web: edited since\n');
    expect(() => recoverInterruptedRun(root)).toThrow(/^Procfile changed after an interrupted run \(.*\) wrote it: check it by hand, then delete \.django-monorepo-journal\.json and run again\.$/);
    expect(files(root)['server/requirements.txt']).toBe('django\ngunicorn\n');
  });

  it('leaves alone the journal of a run still writing (its process is alive)', () => {
    const root = repo();
    interrupted(root, process.ppid);
    expect(() => recoverInterruptedRun(root)).toThrow(`Another run (process ${process.ppid}, started`);
    expect(existsSync(path.join(root, JOURNAL))).toBe(true);
  });
});
