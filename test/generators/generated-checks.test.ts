/**
 * Issue 13: a generated project passes its own checks as generated. Our test reads the project's
 * GitHub Actions workflow and runs every `run:` step of every job, in order, in a fresh project —
 * the backend's ruff lint and format check, its Django tests on PostgreSQL and the deploy check,
 * the client's lint, tests and build — so a broken step fails here. What GitHub provides is stood in
 * for: `actions/setup-python` by a fresh venv (this machine's Python 3.11, not the project's
 * .python-version), `setup-node` by this Node, the PostgreSQL service by our local server.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cleanEnvironment, generateProject, type ProjectSpec } from '../support/generated-project.js';
import { startPostgres, type PostgresServer } from '../support/postgres.js';
import { fileExists, missingPrerequisites, POSTGRES_BIN, SYSTEM_PYTHON } from '../support/prerequisites.js';
import { killAllStarted, runChecked, runCommand, tail } from '../support/processes.js';
import { lockLikeUser } from '../support/python-env.js';

const missing = missingPrerequisites({
  'python3-venv': fileExists('/usr/lib/python3.11/ensurepip/__init__.py'),
  'postgresql (15)': fileExists(join(POSTGRES_BIN, 'postgres')),
  'built bin (npm run build)': fileExists(new URL('../../dist/bin/create-django-monorepo.js', import.meta.url).pathname),
});

const PROJECTS: ProjectSpec[] = [
  { label: 'react-ts (the default)', name: 'checks-react' },
  { label: 'vue-ts', name: 'checks-vue', framework: 'vue-ts' },
  { label: 'svelte-ts', name: 'checks-svelte', framework: 'svelte-ts' },
  { label: 'vanilla-ts', name: 'checks-vanilla', framework: 'vanilla-ts' },
  { label: 'none (API only)', name: 'checks-none', framework: 'none' },
  // The workflow's other install steps; Python 3.11 named so the Pipfile / uv files match this machine's venv.
  { label: 'pipenv (API only)', name: 'checks-pipenv', framework: 'none', pythonDeps: 'pipenv', python: '3.11' },
  { label: 'uv (API only)', name: 'checks-uv', framework: 'none', pythonDeps: 'uv', python: '3.11' },
];

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface Job {
  env?: Record<string, string>;
  defaults?: { run?: { 'working-directory'?: string } };
  services?: Record<string, unknown>;
  steps: Step[];
}
interface Workflow {
  jobs: Record<string, Job>;
}

const WORKFLOW = '.github/workflows/ci.yml';

let root = '';
let baseEnv: NodeJS.ProcessEnv = {};
let postgres: PostgresServer | undefined;

/** The workflow's DATABASE_URL points at its service on localhost:5432; ours listens elsewhere. */
function withLocalServices(env: Record<string, string>, database: string): Record<string, string> {
  return env.DATABASE_URL ? { ...env, DATABASE_URL: postgres!.url(database), DATABASE_SSL_REQUIRE: '0' } : env;
}

describe.skipIf(missing.length > 0)("a generated project passes its own CI workflow's steps as generated", () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'generated-checks-'));
    mkdirSync(join(root, 'bin'));
    baseEnv = cleanEnvironment(join(root, 'bin'), join(root, 'npm-cache'));
    postgres = await startPostgres();
  });

  afterAll(async () => {
    try {
      await postgres?.stop();
    } finally {
      killAllStarted();
      if (root) rmSync(root, { recursive: true, force: true });
    }
  });

  describe.each(PROJECTS)('$label', (spec) => {
    it(
      'runs every run: step of every job in order, each exiting 0',
      async () => {
        const dir = await generateProject(spec, root, baseEnv);
        // The lock the generator makes when it installs (--skip-install here), which the user commits.
        await lockLikeUser(join(dir, 'backend'), baseEnv, root);
        const workflow = parse(readFileSync(join(dir, WORKFLOW), 'utf8')) as Workflow;
        const jobs = Object.keys(workflow.jobs);
        expect(jobs).toEqual(spec.framework === 'none' ? ['backend'] : ['backend', 'client']);
        const database = spec.name.replaceAll('-', '_');
        await postgres!.createDatabase(database);
        const ran: string[] = [];
        for (const [jobName, job] of Object.entries(workflow.jobs)) {
          // setup-python's stand-in: a fresh venv first on PATH, as `python` and `pip`.
          const venv = join(root, `${spec.name}-${jobName}-venv`);
          await runChecked(SYSTEM_PYTHON, ['-m', 'venv', venv], { cwd: root, env: baseEnv, timeoutMs: 60_000 });
          const jobEnv = { ...baseEnv, PATH: `${join(venv, 'bin')}:${baseEnv.PATH ?? ''}`, PIP_DISABLE_PIP_VERSION_CHECK: '1', CI: 'true' };
          for (const step of job.steps) {
            if (!step.run) {
              expect(step.uses, `${jobName}: a step without run: is a GitHub action`).toMatch(/^actions\/(checkout|setup-python|setup-node)@/);
              continue;
            }
            const cwd = join(dir, step['working-directory'] ?? job.defaults?.run?.['working-directory'] ?? '.');
            const env = { ...jobEnv, ...withLocalServices({ ...job.env, ...step.env }, database) };
            // As GitHub runs a run: step on Linux: bash, stopping at the first failing command.
            const result = await runCommand('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
              cwd,
              env,
              timeoutMs: 300_000,
            });
            const label = `${jobName} › ${step.name ?? step.run}`;
            const output = result.output.replace(/\x1b\[[0-9;]*m/g, '');
            expect(result.code, `${label}:\n${tail(result.output)}`).toBe(0);
            ran.push(`${label} (${(result.ms / 1000).toFixed(1)} s)`);
            if (/ruff check/.test(step.run)) expect(output).toMatch(/All checks passed/);
            if (/npm run lint/.test(step.run) && spec.framework === undefined) {
              expect(output, 'oxlint: zero findings').toMatch(/Found 0 warnings and 0 errors/);
            }
            if (/manage\.py test/.test(step.run)) expect(output).toMatch(/Ran \d+ tests?[\s\S]*OK/);
            if (/npm test/.test(step.run)) expect(output).toMatch(/Tests\s+\d+ passed/);
          }
        }
        console.log(`${spec.label}: ${WORKFLOW} steps passed:\n  ${ran.join('\n  ')}`);
      },
      900_000,
    );
  });
});
