import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnvironment, productionConfig, readAnswers } from '../test/support/generated-project.js';
import { startPostgres, type PostgresServer } from '../test/support/postgres.js';
import { procfileCommand } from '../test/support/procfile.js';
import { BIN, REPO, SYSTEM_PYTHON } from './paths.js';
import { run } from './processes.js';

/** A project made with defaults, built and collected as Heroku would, migrated on a local PostgreSQL. */
export interface ServedProject {
  dir: string;
  procfile: string;
  /** The collected static files WhiteNoise serves (and nginx, for the floor). */
  staticRoot: string;
  /** The app's environment: its venv first on PATH, the config `heroku config:set` gives it. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

export async function prepareProject(): Promise<ServedProject> {
  const root = mkdtempSync(join(tmpdir(), 'bench-serving-'));
  let postgres: PostgresServer | undefined;
  try {
    // The clone's npm cache, as the end-to-end suite uses (its default path is relative to the sources).
    const baseEnv = cleanEnvironment(undefined, join(REPO, '.cache', 'npm'));
    await run(process.execPath, [BIN, 'serving', '--yes', '--skip-install', '--skip-git'], { cwd: root, env: baseEnv });
    const dir = join(root, 'serving');
    const answers = readAnswers(dir);
    const backend = join(dir, answers.backendDir);
    const client = join(dir, answers.clientDir);
    const venv = join(root, 'venv');
    await run(SYSTEM_PYTHON, ['-m', 'venv', venv], { cwd: root, env: baseEnv });
    await run(join(venv, 'bin', 'pip'), ['install', '-q', '-r', 'requirements.txt'], {
      cwd: backend,
      env: { ...baseEnv, PIP_DISABLE_PIP_VERSION_CHECK: '1' },
    });
    const env = { ...baseEnv, PATH: `${join(venv, 'bin')}:${baseEnv.PATH ?? ''}` };
    await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: client, env });
    await run('npm', ['run', 'build'], { cwd: client, env });
    postgres = await startPostgres();
    await postgres.createDatabase('serving');
    const appEnv = { ...env, ...productionConfig(answers, postgres.url('serving')) };
    await run('python', ['manage.py', 'collectstatic', '--noinput'], { cwd: backend, env: appEnv });
    const procfile = readFileSync(join(dir, 'Procfile'), 'utf8');
    const [release, releaseArgs] = procfileCommand(procfile, 'release', appEnv);
    await run(release, releaseArgs, { cwd: dir, env: appEnv });
    const server = postgres;
    return {
      dir,
      procfile,
      staticRoot: join(backend, 'staticfiles'),
      env: appEnv,
      async stop() {
        try {
          await server.stop();
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await postgres?.stop();
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
