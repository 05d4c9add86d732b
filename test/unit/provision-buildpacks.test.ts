import { describe, expect, it } from 'vitest';
import { buildpackName, desiredBuildpacks, layoutOf, planBuildpacks } from '../../lib/provision/buildpacks.js';
import { resolveDesired } from '../../lib/provision/desired.js';
import { planProvisioning } from '../../lib/provision/plan.js';
import type { GitState, HerokuState } from '../../lib/provision/types.js';
import { BUILDPACKS } from '../../lib/versions.js';

const OFFICIAL = ['heroku/nodejs', 'heroku/python'];
const lines = (commands: { args: string[] }[]) => commands.map((c) => c.args.join(' '));

describe('the buildpacks each layout needs', () => {
  it('are heroku/nodejs then heroku/python for official (python alone without a root package.json), subdir otherwise', () => {
    expect(desiredBuildpacks('official', true)).toEqual(OFFICIAL);
    expect(desiredBuildpacks('official', false)).toEqual(['heroku/python']);
    expect(desiredBuildpacks('subdir', true)).toEqual([BUILDPACKS.subdir]);
    expect(resolveDesired({}, { layout: 'official' }, 'shop', 'k', { hasRootPackageJson: true }).buildpacks).toEqual(OFFICIAL);
    expect(resolveDesired({}, {}, 'shop', 'k').buildpacks).toEqual([BUILDPACKS.subdir]);
  });

  it('are recognised in every form the API and CLI show them', () => {
    for (const form of ['heroku/python', 'urn:buildpack:heroku/python', 'https://buildpack-registry.s3.amazonaws.com/buildpacks/heroku/python.tgz', 'https://codon-buildpacks.s3.amazonaws.com/buildpacks/heroku/python.tgz', 'https://github.com/heroku/heroku-buildpack-python.git']) {
      expect(buildpackName(form)).toBe('heroku/python');
    }
    expect(buildpackName('https://github.com/someone/heroku-buildpack-python')).toBe('https://github.com/someone/heroku-buildpack-python');
    expect(layoutOf([BUILDPACKS.subdir])).toBe('subdir');
    expect(layoutOf(['urn:buildpack:heroku/nodejs', 'heroku/python'])).toBe('official');
    expect(layoutOf(['https://example.test/bp'])).toBeNull();
  });
});

describe('planBuildpacks to the official layout', () => {
  it('does nothing when the app has them, in any form', () => {
    expect(planBuildpacks(['urn:buildpack:heroku/nodejs', 'https://buildpack-registry.s3.amazonaws.com/buildpacks/heroku/python.tgz'], OFFICIAL, 'shop')).toEqual([]);
  });

  it('adds what a stopped run left out, in order', () => {
    expect(lines(planBuildpacks([], OFFICIAL, 'shop'))).toEqual(['buildpacks:add heroku/nodejs -a shop', 'buildpacks:add heroku/python -a shop']);
    expect(lines(planBuildpacks(['heroku/nodejs'], OFFICIAL, 'shop'))).toEqual(['buildpacks:add heroku/python -a shop']);
  });

  it('replaces the subdir layout, or a wrong order, as one clear-then-add sequence', () => {
    for (const current of [[BUILDPACKS.subdir], ['heroku/python', 'heroku/nodejs'], ['heroku/python'], ['heroku/nodejs', 'heroku/python', 'heroku/ruby']]) {
      const plan = planBuildpacks(current, OFFICIAL, 'shop');
      expect(lines(plan)).toEqual(['buildpacks:clear -a shop', 'buildpacks:add heroku/nodejs -a shop', 'buildpacks:add heroku/python -a shop']);
    }
    expect(planBuildpacks([BUILDPACKS.subdir], OFFICIAL, 'shop')[0].description).toMatch(/the subdir layout/);
  });
});

describe('planBuildpacks to the subdir layout', () => {
  it('never leaves the official buildpacks after subdir', () => {
    expect(lines(planBuildpacks(OFFICIAL, [BUILDPACKS.subdir], 'shop'))).toEqual(['buildpacks:clear -a shop', `buildpacks:set ${BUILDPACKS.subdir} -a shop`]);
    expect(lines(planBuildpacks([BUILDPACKS.subdir, 'heroku/python'], [BUILDPACKS.subdir], 'shop'))).toEqual(['buildpacks:clear -a shop', `buildpacks:set ${BUILDPACKS.subdir} -a shop`]);
    expect(lines(planBuildpacks(['heroku/python'], [BUILDPACKS.subdir], 'shop'))).toEqual([`buildpacks:set ${BUILDPACKS.subdir} -a shop`]);
  });
});

describe('a new app on the official layout', () => {
  it('is created with heroku/nodejs and gets heroku/python right after, before anything else', () => {
    const git: GitState = { head: 'a'.repeat(40), branch: 'main', herokuRemote: null, committedDeploymentFiles: ['Procfile', '.python-version'], uncommittedChanges: 0 };
    const nothing: HerokuState = { account: 'me', app: null, buildpacks: [], addons: [], config: {}, webDynos: 0, deployedCommit: null };
    const desired = resolveDesired({}, { layout: 'official' }, 'shop', 'k'.repeat(50), { hasRootPackageJson: true });
    const commands = planProvisioning(nothing, git, desired).commands;
    expect(lines(commands.slice(0, 2))).toEqual(['apps:create shop --no-remote --json --buildpack heroku/nodejs', 'buildpacks:add heroku/python -a shop']);
    expect(commands[0].description).toBe('Create app shop with the buildpack heroku/nodejs');
  });
});

describe('a Fir app', () => {
  const git: GitState = { head: 'a'.repeat(40), branch: 'main', herokuRemote: 'https://git.heroku.com/shop.git', committedDeploymentFiles: ['Procfile', '.python-version'], uncommittedChanges: 0 };
  const fir = (buildpacks: string[]): HerokuState => ({
    account: 'me',
    app: { id: '1', name: 'shop', region: 'us', stack: 'heroku-24', team: null, webUrl: 'https://shop-1.herokuapp.com/', gitUrl: 'https://git.heroku.com/shop.git', hostname: 'shop-1.herokuapp.com', generation: 'fir' },
    buildpacks,
    addons: [],
    config: {},
    webDynos: 0,
    deployedCommit: null,
  });

  it('gets no buildpack commands (project.toml names them), and the subdir layout is warned about', async () => {
    const { warningsFor } = await import('../../lib/provision/desired.js');
    const official = resolveDesired({}, { layout: 'official' }, 'shop', 'k'.repeat(50), { hasRootPackageJson: true });
    expect(planProvisioning(fir([]), git, official).commands.map((c) => c.step)).not.toContain('set-buildpack');
    expect(warningsFor(fir([]), official)).toEqual([]);
    const subdir = resolveDesired({}, {}, 'shop', 'k'.repeat(50));
    expect(warningsFor(fir([]), subdir).join(' ')).toMatch(/Fir, which cannot build the subdir layout.*--buildpacks official/);
  });
});
