/**
 * The rest of the proof on the PyPI stack (issue 11): every framework × dependency format that
 * test/e2e/app.test.ts does not run whole, and the oldest Django lines the README promises. Each is
 * committed, exported from its commit, checked by Heroku's build rules, installed into a fresh venv by
 * the buildpack's command, then deploy-checked, released on PostgreSQL (SSL only) and booted with the
 * Procfile's web line, which must answer /api/health/ from the database. The client builds themselves
 * are proven once per framework in app.test.ts.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { PYTHON_PACKAGES } from '../../lib/versions.js';
import { commitForBuild, installStack } from '../support/committed-build.js';
import { REST_OF_MATRIX } from '../support/e2e-projects.js';
import {
  cleanEnvironment,
  generateProject,
  productionConfig,
  readAnswers,
  type ProjectSpec,
} from '../support/generated-project.js';
import { BEHIND_ROUTER, probe, waitForAnswer } from '../support/http-probe.js';
import { startPostgres, type PostgresServer } from '../support/postgres.js';
import { fileExists, missingPrerequisites, POSTGRES_BIN } from '../support/prerequisites.js';
import { freePort, killAllStarted, runChecked, startService } from '../support/processes.js';
import { procfileCommand } from '../support/procfile.js';
import { PYTHON_TOOLS_PREREQUISITES } from '../support/python-env.js';
import { StepReport } from '../support/step-report.js';

const missing = missingPrerequisites({
  ...PYTHON_TOOLS_PREREQUISITES,
  git: fileExists('/usr/bin/git'),
  'postgresql (15)': fileExists(join(POSTGRES_BIN, 'postgres')),
  'built bin (npm run build)': fileExists(
    new URL('../../dist/bin/create-django-monorepo.js', import.meta.url).pathname,
  ),
});

/**
 * The oldest Django lines the README promises. The generated requirements.txt with Django held to
 * the line and every other pin lifted, so pip's resolver picks the newest release of each package
 * that still supports that Django. Django 3.2 predates its psycopg 3 support (4.2): it gets psycopg2.
 */
const COMPATIBILITY = [
  { line: '3.2', driver: 'psycopg2-binary' },
  { line: '4.2', driver: PYTHON_PACKAGES.postgresDriver.name },
];

function compatibilityRequirements(generated: string, line: string, driver: string): string {
  return generated
    .split('\n')
    .filter((requirement) => requirement.trim() && !requirement.startsWith('#'))
    .map((requirement) => {
      const name = requirement.split('==')[0].trim();
      if (name === PYTHON_PACKAGES.django.name) return `${name}~=${line}.0`;
      if (name === PYTHON_PACKAGES.postgresDriver.name) return driver;
      return name;
    })
    .join('\n')
    .concat('\n');
}

interface Case {
  spec: ProjectSpec;
  /** Rewrites the generated backend's requirements before the commit, as a user pinning an older Django would. */
  requirements?: (generated: string) => string;
  /** The Django line the venv must hold; undefined = exactly the generator's pin. */
  djangoLine?: string;
}

const CASES: Case[] = [
  ...REST_OF_MATRIX.map((spec) => ({ spec })),
  ...COMPATIBILITY.map(({ line, driver }) => ({
    spec: { label: `Django ${line} (pip)`, name: `compat-django-${line.replace('.', '')}`, framework: 'none' },
    requirements: (generated: string) => compatibilityRequirements(generated, line, driver),
    djangoLine: line,
  })),
];

const report = new StepReport();
let root = '';
let env: NodeJS.ProcessEnv = {};
let postgres: PostgresServer | undefined;

describe.skipIf(missing.length > 0)('every other framework × format, and the oldest Django lines', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'e2e-matrix-'));
    mkdirSync(join(root, 'src'));
    env = cleanEnvironment(undefined);
    postgres = await startPostgres();
  });

  afterAll(async () => {
    try {
      await postgres?.stop();
    } finally {
      killAllStarted();
      if (root) rmSync(root, { recursive: true, force: true });
      console.log(`\nThe rest of the matrix and the compatibility runs, on the PyPI stack:\n\n${report.table()}\n`);
    }
  }, 300_000);

  it.each(CASES)(
    '$spec.label: from its commit, installed like Heroku, deploy-checked, released, serving',
    async ({ spec, requirements, djangoLine }) => {
      const step = <T>(name: string, work: () => Promise<T>) => report.time(spec.label, name, work);
      const build = join(root, spec.name);
      const folders = [join(root, 'src', spec.name), build, `${build}-scratch`, join(root, 'venvs', spec.name)];
      onTestFinished(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));
      const source = await step('generate', () => generateProject(spec, join(root, 'src'), env));
      const answers = readAnswers(source);
      if (requirements) {
        const file = join(source, answers.backendDir, 'requirements.txt');
        writeFileSync(file, requirements(readFileSync(file, 'utf8')));
      }

      const committed = await commitForBuild(source, answers.backendDir, build, env, step);
      const backend = join(committed.dir, answers.backendDir);
      const { python, facts } = await installStack(backend, join(root, 'venvs', spec.name), env, step);
      report.recordFacts(spec.label, { framework: spec.framework, ...facts });
      expect(facts.deps).toBe(spec.pythonDeps ?? 'pip');
      if (djangoLine) {
        expect(facts.Django).toMatch(new RegExp(`^${djangoLine.replace('.', '\\.')}\\.\\d+$`));
      } else {
        expect(facts).toMatchObject({
          Django: PYTHON_PACKAGES.django.version,
          psycopg: PYTHON_PACKAGES.postgresDriver.version,
          whitenoise: PYTHON_PACKAGES.whitenoise.version,
          gunicorn: PYTHON_PACKAGES.gunicorn.version,
        });
      }

      const database = spec.name.replaceAll('-', '_');
      await postgres!.createDatabase(database);
      const appEnv = { ...python.env, ...productionConfig(answers, postgres!.url(database)) };
      const manage = (args: string[]) =>
        runChecked('python', ['manage.py', ...args], { cwd: backend, env: appEnv, timeoutMs: 120_000 });
      const check = await step('check --deploy', () => manage(['check', '--deploy', '--fail-level', 'WARNING']));
      expect(check.output).toContain('System check identified no issues');
      await step('collectstatic', () => manage(['collectstatic', '--noinput']));

      const procfile = readFileSync(join(committed.dir, 'Procfile'), 'utf8');
      const [release, releaseArgs] = procfileCommand(procfile, 'release', appEnv);
      const migrated = await step('release', () =>
        runChecked(release, releaseArgs, { cwd: committed.dir, env: appEnv, timeoutMs: 120_000 }),
      );
      expect(migrated.output).toMatch(/Applying auth\.0001_initial\.\.\. OK/);

      const port = await freePort();
      const webEnv = {
        ...appEnv,
        PORT: String(port),
        WEB_CONCURRENCY: '1',
        GUNICORN_CMD_ARGS: `--bind 127.0.0.1:${port}`,
      };
      const [web, webArgs] = procfileCommand(procfile, 'web', webEnv);
      const server = startService(web, webArgs, { cwd: committed.dir, env: webEnv });
      try {
        report.record(spec.label, 'web boot', await waitForAnswer(server, port, '/api/health/'));
        const health = await probe(port, '/api/health/', BEHIND_ROUTER);
        expect(health.status).toBe(200);
        expect(health.json()).toMatchObject({ status: 'ok', database: 'postgresql' });
      } finally {
        await server.stop();
      }
    },
    900_000,
  );
});
