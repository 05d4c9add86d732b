import { describe, expect, it } from 'vitest';
import { DEFAULT_PYTHON } from '../../lib/versions.js';
import { herokuAppNameFrom, projectNameFrom } from '../../lib/names.js';
import { InvalidOptionError, PROJECT_OPTIONS, resolveAnswers, StoredAnswerError, type AnswerName } from '../../lib/options.js';

const resolve = (given: Partial<Record<AnswerName, unknown>>) => resolveAnswers('my-app', given, {});

describe('resolveAnswers', () => {
  it('takes every default with no flags, stored answers or prompts', async () => {
    expect(await resolve({})).toEqual({
      projectName: 'my-app',
      module: 'app',
      backendDir: 'backend',
      clientDir: 'client',
      framework: 'react-ts',
      herokuApp: 'my-app',
      pythonVersion: '3.14',
      nodeVersion: '24',
      pythonDeps: 'pip',
      layout: 'subdir',
    });
  });

  it('prefers flags over stored answers, and stored answers over questions', async () => {
    const asked: string[] = [];
    const answers = await resolveAnswers('shop', { module: 'config' }, { module: 'stored', framework: 'vue-ts' }, async (spec, fallback) => {
      asked.push(spec.name);
      return fallback;
    });
    expect(answers.module).toBe('config');
    expect(answers.framework).toBe('vue-ts');
    expect(asked).not.toContain('module');
    expect(asked).not.toContain('framework');
    expect(asked).toContain('backendDir');
  });

  it('does not ask for client answers in an API-only project', async () => {
    const asked: string[] = [];
    await resolveAnswers('api', { framework: 'none' }, {}, async (spec, fallback) => {
      asked.push(spec.name);
      return fallback;
    });
    expect(asked).not.toContain('clientDir');
    expect(asked).not.toContain('nodeVersion');
  });

  it('checks a flag before asking anything', async () => {
    let asked = false;
    await expect(
      resolveAnswers('x-app', { pythonDeps: 'poetry' }, {}, async (_spec, fallback) => {
        asked = true;
        return fallback;
      }),
    ).rejects.toThrow(InvalidOptionError);
    expect(asked).toBe(false);
  });
});

// [flag answer, value, words of the rule the one-line error must name]
const BAD_INPUTS: Array<[AnswerName, string, string]> = [
  ['module', '1app', 'Python identifier'],
  ['module', 'my-app', 'Python identifier'],
  ['module', 'my app', 'Python identifier'],
  ['module', '', 'Python identifier'],
  ['module', 'class', 'Python keyword'],
  ['module', 'os', 'standard library'],
  ['module', 'email', 'standard library'],
  ['module', 'test', 'standard library'],
  ['module', 'django', 'backend depends on'],
  ['module', 'whitenoise', 'backend depends on'],
  ['module', 'café', 'Python identifier'],
  ...['admin', 'auth', 'contenttypes', 'sessions', 'messages', 'staticfiles', 'sites', 'humanize'].map(
    (label): [AnswerName, string, string] => ['module', label, `Django's own app django.contrib.${label}`],
  ),
  ['module', '__main__', 'dunder name'],
  ['module', '__init__', 'dunder name'],
  ['module', 'a'.repeat(256), 'longer than the 255 characters'],
  ...['venv', 'node_modules', '__pycache__', 'staticfiles', 'dist', 'db.sqlite3', 'debug.log', 'x.pyc'].flatMap(
    (name): Array<[AnswerName, string, string]> => [
      ['backendDir', name, 'the generated .gitignore ignores'],
      ['clientDir', `apps/${name}`, 'the generated .gitignore ignores'],
    ],
  ),
  ['backendDir', '.venv', 'letters, digits'],
  ['clientDir', 'web/.env', 'letters, digits'],
  ['backendDir', 'x'.repeat(256), 'longer than the 255 characters'],
  ['clientDir', Array.from({ length: 11 }, () => 'y'.repeat(100)).join('/'), 'longer than 1024 characters'],
  ['herokuApp', 'My-App', 'lowercase'],
  ['herokuApp', 'ab', '3-30'],
  ['herokuApp', 'a'.repeat(31), '3-30'],
  ['herokuApp', '1app', 'starting with a letter'],
  ['herokuApp', 'my_app', 'lowercase letters, digits or dashes'],
  ['herokuApp', 'my-app-', 'end with a dash'],
  ['backendDir', '../backend', "'..'"],
  ['backendDir', 'src/../../etc', "'..'"],
  ['backendDir', '/srv/backend', 'absolute'],
  ['backendDir', 'C:\\backend', 'absolute'],
  ['clientDir', '', 'non-empty'],
  ['clientDir', 'web/', 'plain relative path'],
  ['clientDir', './web', 'plain relative path'],
  ['clientDir', 'we$b', 'letters, digits'],
  ['framework', 'angular', 'one of: react-ts, vue-ts, svelte-ts, vanilla-ts, none'],
  ['framework', 'React-TS', 'one of'],
  ['pythonVersion', '3', 'major.minor'],
  ['pythonVersion', '2.7', 'major.minor'],
  ['pythonVersion', '3.13.1', 'major.minor'],
  ['pythonVersion', '3.10', 'Heroku supports, in major.minor form: 3.11, 3.12, 3.13 or 3.14'],
  ['pythonVersion', '3.15', 'Heroku supports'],
  ['nodeVersion', '18', 'Heroku supports: 22, 24 or 26'],
  ['nodeVersion', '25', 'Heroku supports'],
  ['nodeVersion', 'lts', 'Node.js major version'],
  ['pythonDeps', 'poetry', 'one of: pip, uv, pipenv'],
];

describe('bad input stops with one line naming the flag, the value and the rule', () => {
  it.each(BAD_INPUTS)('%s = %j', async (name, value, rule) => {
    const flag = PROJECT_OPTIONS.find((spec) => spec.name === name)!.flag;
    const error = await resolve({ [name]: value }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidOptionError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain(`--${flag} ${JSON.stringify(value)}`);
    expect(message).toContain(rule);
  });

  it('refuses a client folder that overlaps the backend', async () => {
    await expect(resolve({ backendDir: 'app', clientDir: 'app/web' })).rejects.toThrow(/--client "app\/web" must not be the backend folder/);
    await expect(resolve({ backendDir: 'src', clientDir: 'src' })).rejects.toThrow(InvalidOptionError);
  });

  it('accepts a client folder that only shares a prefix with the backend', async () => {
    expect((await resolve({ backendDir: 'api', clientDir: 'api-client' })).clientDir).toBe('api-client');
  });
});

describe('stored answers are checked as stored answers, not as flags', () => {
  it('names the key and .yo-rc.json for a stored number', async () => {
    const error = await resolveAnswers('shop', {}, { pythonVersion: 3.1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoredAnswerError);
    expect((error as Error).message).toBe(
      `The answer "pythonVersion" stored in .yo-rc.json is the number 3.1, not text: write it in quotes there (like "pythonVersion": "${DEFAULT_PYTHON}"), or pass --python to replace it.`,
    );
  });

  it('names a stored text that breaks the rule as stored', async () => {
    await expect(resolveAnswers('shop', {}, { module: 'admin' })).rejects.toThrow(/^The answer "module" stored in .yo-rc.json \("admin"\) is the label of Django's own app/);
  });

  it('a flag given replaces the stored answer without checking it', async () => {
    expect((await resolveAnswers('shop', { pythonVersion: '3.12' }, { pythonVersion: 3.1 })).pythonVersion).toBe('3.12');
  });
});

describe('names', () => {
  it.each([['backend'], ['apps/api'], ['server.v2'], ['venv-tools'], ['distribution'], ['static']])('accepts the folder %j', (folder) => {
    for (const name of ['backendDir', 'clientDir']) expect(PROJECT_OPTIONS.find((spec) => spec.name === name)!.rule(folder)).toBeUndefined();
  });

  it.each([
    ['my-app', 'my-app'],
    ['My Cool_App!', 'my-cool-app'],
    ['42 things', 'things'],
    ['x', 'x-app'],
    ['___', 'django-app'],
    ['a'.repeat(40), 'a'.repeat(30)],
    ['project-name-that-is-way-too-long-for-heroku', 'project-name-that-is-way-too-l'],
  ])('derives a valid Heroku app name from %j', (project, expected) => {
    expect(herokuAppNameFrom(project)).toBe(expected);
    const rule = PROJECT_OPTIONS.find((spec) => spec.name === 'herokuApp')!.rule;
    expect(rule(herokuAppNameFrom(project))).toBeUndefined();
  });

  it('takes the project name from the last folder segment', () => {
    expect(projectNameFrom('/home/me/projects/shop/')).toBe('shop');
  });
});
