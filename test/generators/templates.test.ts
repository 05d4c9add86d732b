import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import helpers, { result } from 'yeoman-test';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import AppGenerator from '../../generators/app/index.js';
import EjectGenerator from '../../generators/eject/index.js';
import { herokuAppNameFrom } from '../../lib/names.js';
import { listTemplates } from '../../lib/plan/overrides.js';
import { BUILT_IN_TEMPLATES } from '../../lib/templates.js';
import { generatorSource } from '../support/generators.js';

const OVERRIDES = '.django-monorepo/templates';

const generate = (files: Record<string, string>, options: Record<string, unknown> = {}) =>
  helpers
    .run(AppGenerator, generatorSource('app'))
    .withFiles(files)
    .commitFiles()
    .withOptions({ yes: true, skipInstall: true, skipGit: true, ...options } as never);

const read = (file: string) => readFileSync(path.join(result.cwd, file), 'utf8');
const builtIn = (name: string) => readFileSync(path.join(BUILT_IN_TEMPLATES, name), 'utf8');

describe('template overrides in .django-monorepo/templates', () => {
  it('an overridden template replaces the built-in one (the Procfile web line)', async () => {
    await generate({
      [`${OVERRIDES}/deploy/Procfile.ejs`]: builtIn('deploy/Procfile.ejs').replace('.wsgi --config', '.wsgi --workers 3 --config'),
    });
    expect(read('Procfile')).toBe(
      'release: python backend/manage.py migrate --noinput\n' +
        'web: gunicorn --pythonpath backend app.wsgi --workers 3 --config backend/gunicorn.conf.py\n',
    );
    expect(read('.buildpacks')).toContain('client=');
  });

  it('a template with no built-in counterpart adds a file, rendered and formatted with prettier', async () => {
    await generate({
      [`${OVERRIDES}/app/docs/OPERATIONS.md.ejs`]: '#   Operating <%= projectName %>\n* Heroku app: `<%= herokuApp %>`\n',
      [`${OVERRIDES}/backend/__module__/checks.py.ejs`]: '# <%= module %>  checks, left as written\n',
    });
    const name = path.basename(result.cwd);
    expect(read('docs/OPERATIONS.md')).toBe(`# Operating ${name}\n\n- Heroku app: \`${herokuAppNameFrom(name)}\`\n`);
    expect(read('backend/app/checks.py')).toBe('# app  checks, left as written\n');
  });

  it('a .skip marker drops a built-in file', async () => {
    await generate({ [`${OVERRIDES}/app/_env.example.ejs.skip`]: '' });
    expect(existsSync(path.join(result.cwd, '.env.example'))).toBe(false);
    expect(existsSync(path.join(result.cwd, 'README.md'))).toBe(true);
  });

  it('a partial can be overridden on its own', async () => {
    await generate({
      [`${OVERRIDES}/partials/security.py.ejs`]: builtIn('partials/security.py.ejs').replace('"DENY"', '"SAMEORIGIN"'),
    });
    const settings = read('backend/app/settings/heroku.py');
    expect(settings).toContain('X_FRAME_OPTIONS = "SAMEORIGIN"');
    expect(settings).toContain('DATABASES = {');
    expect(settings).toContain('WHITENOISE_IMMUTABLE_FILE_TEST');
  });

  it('a broken template stops the run with its path, line and the ejs message, writing nothing', async () => {
    const broken = path.join(OVERRIDES, 'deploy/Procfile.ejs');
    const folder = mkdtempSync(path.join(tmpdir(), 'broken-template-'));
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
    const run = generate({ [broken]: 'release: ok\n<% if (hasClient) { %>\nweb: <%= module %>\n' }).inDir(folder);
    await expect(run).rejects.toThrow(new RegExp(`Template .*${broken.replace(/\./g, '\\.')} line \\d+: Unexpected token`));
    expect(readdirSync(folder)).toEqual(['.django-monorepo']);
  });

  it('reports the line of an error inside a template', async () => {
    const error = await generate({ [`${OVERRIDES}/deploy/Procfile.ejs`]: 'release: ok\n\nweb: <%= nosuchfield %>\n' }).catch((caught: Error) => caught);
    expect(String(error)).toMatch(/Procfile\.ejs line 3: nosuchfield is not defined/);
  });
});

describe('--templates folder outside the repo', () => {
  let outside = '';
  afterEach(() => rmSync(outside, { recursive: true, force: true }));

  it('is looked up first, stored as templatesDir, and used again on a re-run', async () => {
    outside = mkdtempSync(path.join(tmpdir(), 'team-templates-'));
    mkdirSync(path.join(outside, 'deploy'), { recursive: true });
    writeFileSync(path.join(outside, 'deploy/Procfile.ejs'), builtIn('deploy/Procfile.ejs').replace('gunicorn.conf.py', 'gunicorn.conf.py --timeout 20'));
    await generate({ [`${OVERRIDES}/deploy/Procfile.ejs`]: 'web: repo override loses\n' }, { templates: outside });
    expect(read('Procfile')).toContain('--timeout 20');
    expect(JSON.parse(read('.yo-rc.json'))['generator-django-monorepo'].templatesDir).toBe(outside);
  });
});

describe('yo django-monorepo:eject', () => {
  it('copies every built-in template, byte for byte', async () => {
    await helpers.run(EjectGenerator, generatorSource('eject'));
    const ejected = listTemplates(path.join(result.cwd, OVERRIDES));
    expect(ejected).toEqual(listTemplates(BUILT_IN_TEMPLATES));
    for (const name of ejected) expect(read(path.join(OVERRIDES, name))).toBe(builtIn(name));
  });

  it('copies only the templates a glob matches', async () => {
    await helpers.run(EjectGenerator, generatorSource('eject')).withArguments(['**/heroku.py.ejs']);
    expect(listTemplates(path.join(result.cwd, OVERRIDES))).toEqual(['backend/__module__/settings/heroku.py.ejs']);
    await helpers.run(EjectGenerator, generatorSource('eject')).withArguments(['deploy/*']);
    expect(listTemplates(path.join(result.cwd, OVERRIDES))).toEqual(listTemplates(path.join(BUILT_IN_TEMPLATES, 'deploy')).map((name) => `deploy/${name}`));
  });

  it('refuses a glob that matches nothing', async () => {
    await expect(helpers.run(EjectGenerator, generatorSource('eject')).withArguments(['nothing/*.txt'])).rejects.toThrow(/No built-in template matches "nothing\/\*\.txt"/);
  });

  it('never overwrites an edited override without --force or a question', async () => {
    const edited = `${OVERRIDES}/deploy/Procfile.ejs`;
    const run = helpers
      .run(EjectGenerator, generatorSource('eject'))
      .withArguments(['deploy/Procfile.ejs'])
      .withFiles({ [edited]: 'web: mine\n' })
      .commitFiles()
      .withOptions({ force: false, bail: true } as never);
    // Without a terminal the one write path refuses (naming the file and --force) instead of asking.
    await expect(run).rejects.toThrow(/deploy\/Procfile\.ejs differs from what the generator writes .*--force/);
  });

  it('ejected templates reproduce the built-in output exactly', async () => {
    await helpers.run(EjectGenerator, generatorSource('eject'));
    const ejected = Object.fromEntries(listTemplates(path.join(result.cwd, OVERRIDES)).map((name) => [`my-app/${OVERRIDES}/${name}`, read(`${OVERRIDES}/${name}`)]));
    await generate(ejected).withArguments(['my-app']);
    const withEjected = Object.fromEntries(Object.entries(result.getSnapshot()).filter(([file]) => !file.startsWith('my-app/.django')));
    expect(Object.keys(result.getSnapshot()).filter((file) => file.startsWith('my-app/.django')).length).toBeGreaterThan(30);
    await generate({}).withArguments(['my-app']);
    const plain = result.getSnapshot();
    expect(Object.keys(withEjected).sort()).toEqual(Object.keys(plain).sort());
    for (const [file, { contents }] of Object.entries(plain)) {
      if (!file.endsWith('.yo-rc.json')) expect(withEjected[file].contents, file).toBe(contents);
    }
  });
});
