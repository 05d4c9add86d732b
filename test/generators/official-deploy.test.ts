import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import helpers from 'yeoman-test';
import DeployGenerator from '../../generators/deploy/index.js';
import { FIXTURES, packageJson, type RepoFiles } from '../fixtures/retrofit/layouts.js';
import { generatorSource } from '../support/generators.js';

const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

// The Vite fixture with npm instead of pnpm: the official layout's root build installs it with npm.
const base = FIXTURES.find((f) => f.name.startsWith('settings package in api/'))!;
const FILES: RepoFiles = {
  ...Object.fromEntries(Object.entries(base.files).filter(([file]) => file !== 'web/pnpm-lock.yaml')),
  'web/package-lock.json': '{}\n',
};

function repoOnDisk(files: RepoFiles): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'official-retrofit-'));
  folders.push(folder);
  for (const [file, contents] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    writeFileSync(path.join(folder, file), contents);
  }
  return folder;
}

const runDeploy = (folder: string, options: Record<string, unknown>) =>
  helpers.run(DeployGenerator, generatorSource('deploy')).withOptions({ yes: true, force: false, ...options } as never).cd(folder);

const stored = (folder: string) => (JSON.parse(readFileSync(path.join(folder, '.yo-rc.json'), 'utf8')) as Record<string, Record<string, unknown>>)['generator-django-monorepo'];

describe(':deploy --buildpacks official', () => {
  it('writes the official layout, stores it, and a second run changes nothing', async () => {
    const folder = repoOnDisk({ ...FILES });
    await runDeploy(folder, { ...base.options, buildpacks: 'official' });
    expect(existsSync(path.join(folder, '.buildpacks'))).toBe(false);
    for (const file of ['project.toml', 'package.json', 'package-lock.json', '.python-version', 'requirements.txt']) expect(existsSync(path.join(folder, file)), file).toBe(true);
    expect(stored(folder)).toMatchObject({ layout: 'official', backendDir: 'api' });
    const snapshot = (file: string) => readFileSync(path.join(folder, file), 'utf8');
    const before = ['package.json', 'app.json', 'project.toml', '.yo-rc.json'].map(snapshot);
    // The stored layout is used again without the flag.
    await runDeploy(folder, { ...base.options });
    expect(['package.json', 'app.json', 'project.toml', '.yo-rc.json'].map(snapshot)).toEqual(before);
    expect(existsSync(path.join(folder, '.buildpacks'))).toBe(false);
  });

  it('refuses an unknown layout in one line', async () => {
    const folder = repoOnDisk({ ...FILES });
    await expect(runDeploy(folder, { ...base.options, buildpacks: 'fir' })).rejects.toThrow('--buildpacks "fir" must be one of: subdir, official.');
  });
});

describe(':deploy in a repo that already deploys with the official buildpacks', () => {
  it('--yes proposes and takes the official layout, keeping the working root build', async () => {
    const rootBuild = packageJson({ 'heroku-postbuild': 'cd web && npm ci --include=dev && npm run build -- --base=/static/' }, {});
    const folder = repoOnDisk({ ...FILES, 'package.json': rootBuild, 'app.json': JSON.stringify({ buildpacks: [{ url: 'heroku/nodejs' }, { url: 'heroku/python' }] }, null, 2) });
    await runDeploy(folder, { ...base.options });
    expect(stored(folder).layout).toBe('official');
    expect(readFileSync(path.join(folder, 'package.json'), 'utf8')).toBe(rootBuild);
    expect(existsSync(path.join(folder, '.buildpacks'))).toBe(false);
    expect(existsSync(path.join(folder, 'project.toml'))).toBe(true);
  });
});
