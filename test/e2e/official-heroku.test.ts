import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildpackName } from '../../lib/provision/buildpacks.js';
import { BUILDPACKS } from '../../lib/versions.js';
import { runHerokuGenerator, type HerokuRun } from '../support/heroku-generator.js';
import { herokuCliPath, startHerokuSandbox, type HerokuSandbox } from '../support/heroku-sandbox.js';
import { fileExists, missingPrerequisites } from '../support/prerequisites.js';

// `:heroku` on the official layout, with the real heroku CLI against the local stand-in of the Platform
// API (and of the buildpack registry, which `buildpacks:add heroku/python` asks first).
const missing = missingPrerequisites({ [`heroku CLI at ${herokuCliPath()}`]: fileExists(herokuCliPath()) });

const READS = ['apps:info', 'buildpacks', 'config'];

describe.skipIf(missing.length > 0)('yo django-monorepo:heroku on the official layout', () => {
  let sandbox: HerokuSandbox;
  let restoreEnv: () => void;
  const timings: string[] = [];

  const git = (project: string, ...args: string[]) => execFileSync('git', args, { cwd: project, env: sandbox.env, encoding: 'utf8' }).trim();
  const changesSince = (mark: number) => sandbox.standIn.requests.slice(mark).filter((r) => r.method !== 'GET' && !r.path.startsWith('/buildpacks/'));
  const buildpacksOf = (app: string) => sandbox.standIn.apps.get(app)!.buildpacks.map(buildpackName);
  const sorted = (names: string[]) => [...names].sort();

  async function run(label: string, project: string, options: Record<string, unknown>): Promise<HerokuRun> {
    sandbox.resetInvocations();
    const result = await runHerokuGenerator(project, options);
    timings.push(`${label}: ${result.durationMs} ms, ${sandbox.invocations().length} heroku invocations`);
    return result;
  }

  /** A committed repo with the official layout's root files (no .buildpacks) and its answers stored. */
  function officialProject(name: string, stored: Record<string, unknown> = {}): string {
    const project = sandbox.createProject(name, { layout: 'official', ...stored });
    rmSync(join(project, '.buildpacks'));
    writeFileSync(join(project, '.python-version'), '3.13\n');
    writeFileSync(join(project, 'requirements.txt'), '-r backend/requirements.txt\n');
    writeFileSync(join(project, 'package.json'), '{ "private": true, "scripts": { "heroku-postbuild": "true" } }\n');
    git(project, 'add', '-A');
    git(project, 'commit', '-q', '-m', 'Official layout');
    return project;
  }

  beforeAll(async () => {
    sandbox = await startHerokuSandbox();
    restoreEnv = sandbox.useEnv();
  });

  afterAll(async () => {
    restoreEnv?.();
    await sandbox?.close();
    if (timings.length) console.log(`official layout heroku e2e timings:\n  ${timings.join('\n  ')}`);
  });

  describe('a new project', () => {
    let project: string;
    beforeAll(() => {
      project = officialProject('shop-official');
    });

    it('--dry-run shows the buildpacks heroku/nodejs then heroku/python and changes nothing', async () => {
      const mark = sandbox.standIn.requests.length;
      const result = await run('dry run (official, new app)', project, { 'dry-run': true });
      expect(result.error).toBeNull();
      expect(result.log).toContain('$ heroku apps:create shop-official --no-remote --json --buildpack heroku/nodejs');
      expect(result.log).toContain('$ heroku buildpacks:add heroku/python -a shop-official');
      expect(result.log).not.toContain('heroku-buildpack-subdir');
      expect(changesSince(mark)).toEqual([]);
    });

    it('provisions from nothing: the app gets heroku/nodejs then heroku/python before its first build', async () => {
      const result = await run('first run (official, nothing → deployed)', project, { yes: true });
      expect(result.error).toBeNull();
      expect(sorted(sandbox.invocations().slice(0, 2))).toEqual(['apps:info', 'auth:whoami']);
      expect(sandbox.invocations().slice(2)).toEqual(['apps:create', 'buildpacks:add', 'addons:create', 'config:set', 'ps:scale']);
      expect(buildpacksOf('shop-official')).toEqual(['heroku/nodejs', 'heroku/python']);
      const deployed = execFileSync('git', ['--git-dir', join(sandbox.standIn.gitRoot, 'shop-official.git'), 'rev-parse', 'main'], { encoding: 'utf8' }).trim();
      expect(deployed).toBe(git(project, 'rev-parse', 'HEAD'));
    }, 180_000);

    it('a re-run checks the buildpacks and only reads', async () => {
      const mark = sandbox.standIn.requests.length;
      const result = await run('re-run (official, nothing to do)', project, { yes: true, json: true });
      expect(result.error).toBeNull();
      expect(sorted(sandbox.invocations())).toEqual(READS);
      expect(changesSince(mark)).toEqual([]);
      expect(JSON.parse(result.stdout)).toMatchObject({ upToDate: true, plan: [] });
    });
  });

  it('moves an app from the subdir layout in one clear-then-add sequence, shown before it runs', async () => {
    const project = officialProject('moving-app');
    const app = sandbox.standIn.addApp('moving-app', { buildpacks: [BUILDPACKS.subdir] });
    const result = await run('subdir app → official', project, { yes: true, 'skip-deploy': true });
    expect(result.error).toBeNull();
    const shown = result.log.indexOf('$ heroku buildpacks:clear -a moving-app');
    expect(shown).toBeGreaterThan(-1);
    expect(result.log.indexOf('[1/')).toBeGreaterThan(result.log.indexOf('$ heroku buildpacks:add heroku/python -a moving-app'));
    expect(result.log).toMatch(/Clear the buildpacks \(.*heroku-buildpack-subdir.* \(the subdir layout\)\) to set heroku\/nodejs then heroku\/python/);
    expect(sandbox.invocations().filter((name) => name.startsWith('buildpacks:'))).toEqual(['buildpacks:clear', 'buildpacks:add', 'buildpacks:add']);
    expect(app.buildpacks.map(buildpackName)).toEqual(['heroku/nodejs', 'heroku/python']);
  }, 180_000);

  it('completes a list a stopped run left half done', async () => {
    const project = officialProject('half-done');
    sandbox.standIn.addApp('half-done', { buildpacks: ['heroku/nodejs'] });
    const resumed = await run('official app missing heroku/python', project, { yes: true, 'skip-deploy': true });
    expect(resumed.error).toBeNull();
    expect(sandbox.invocations().filter((name) => name.startsWith('buildpacks:'))).toEqual(['buildpacks:add']);
    expect(buildpacksOf('half-done')).toEqual(['heroku/nodejs', 'heroku/python']);
  }, 180_000);

  it('takes an app back to the subdir layout as a whole', async () => {
    const subdir = sandbox.createProject('back-to-subdir');
    sandbox.standIn.addApp('back-to-subdir', { buildpacks: ['heroku/nodejs', 'heroku/python'] });
    const back = await run('official app → subdir', subdir, { yes: true, 'skip-deploy': true });
    expect(back.error).toBeNull();
    expect(sandbox.invocations().filter((name) => name.startsWith('buildpacks:'))).toEqual(['buildpacks:clear', 'buildpacks:set']);
    expect(sandbox.standIn.apps.get('back-to-subdir')!.buildpacks).toEqual([BUILDPACKS.subdir]);
  }, 180_000);
});
