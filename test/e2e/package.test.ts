import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/generators.js';

// The packages as npm would publish them: `npm pack` of the generator and of the create- wrapper,
// installed into an empty folder (dependencies from the npm registry), then `npm create
// django-monorepo`, which finds the wrapper's bin there as it would find the published package.
const WRAPPER = path.join(REPO_ROOT, 'packages/create-django-monorepo');
const work = mkdtempSync(path.join(tmpdir(), 'packed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' } });

describe('the published packages', () => {
  it('create-django-monorepo depends on this very version of the generator', () => {
    const generator = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const wrapper = JSON.parse(readFileSync(path.join(WRAPPER, 'package.json'), 'utf8'));
    expect(wrapper.dependencies).toEqual({ [generator.name]: generator.version });
    expect(wrapper.version).toBe(generator.version);
  });

  it('`npm create django-monorepo` scaffolds a project from the packed tarballs', () => {
    // dist/ is built by pretest; --ignore-scripts keeps `prepare` from rebuilding it under other tests' feet.
    npm(['pack', '--silent', '--ignore-scripts', '--pack-destination', work], REPO_ROOT);
    npm(['pack', '--silent', '--pack-destination', work], WRAPPER);
    const tarballs = readdirSync(work).filter((file) => file.endsWith('.tgz')).map((file) => path.join(work, file));
    expect(tarballs).toHaveLength(2);
    const project = path.join(work, 'user');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), '{ "name": "user", "private": true }\n');
    npm(['install', '--loglevel=error', ...tarballs], project);
    npm(['create', 'django-monorepo', 'my-app', '--', '--yes', '--skip-install', '--skip-git', '--framework', 'vue-ts'], project);
    const app = path.join(project, 'my-app');
    for (const file of ['Procfile', '.buildpacks', 'app.json', 'backend/app/settings/heroku.py', 'client/vite.config.ts', 'client/src/App.vue']) {
      expect(existsSync(path.join(app, file)), file).toBe(true);
    }
    expect(readFileSync(path.join(app, 'Procfile'), 'utf8')).toContain('gunicorn --pythonpath backend app.wsgi');
  }, 300_000);
});
