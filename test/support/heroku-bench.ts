import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { BUILDPACKS } from '../../lib/versions.js';
import { runHerokuGenerator } from './heroku-generator.js';
import { startHerokuSandbox, type HerokuSandbox } from './heroku-sandbox.js';

/**
 * A project whose Heroku app is already provisioned and deployed, set up directly in the stand-in (no
 * CLI call), so a run of `:heroku` has nothing to do.
 */
export function provisionedProject(sandbox: HerokuSandbox, name = 'provisioned'): string {
  const app = sandbox.standIn.addApp(name, {
    buildpacks: [BUILDPACKS.subdir],
    addons: [{ id: 'addon-1', name: 'postgresql-bench', service: 'heroku-postgresql', plan: 'heroku-postgresql:essential-0', state: 'provisioned' }],
    formation: { web: 1 },
  });
  // As a run that created the app leaves it: the app's id stored beside its name.
  const project = sandbox.createProject(name, { herokuAppId: app.id });
  const host = new URL(app.webUrl).hostname;
  app.config = {
    ALLOWED_HOSTS: host,
    CSRF_TRUSTED_ORIGINS: `https://${host}`,
    DJANGO_DEBUG: '',
    DJANGO_SETTINGS_MODULE: 'app.settings.heroku',
    DJANGO_SECRET_KEY: randomBytes(48).toString('base64url'),
    DATABASE_URL: `postgres://u:p@db.example.test:5432/${name}`,
  };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: project, env: sandbox.env, stdio: 'pipe' });
  git('remote', 'add', 'heroku', `https://git.heroku.com/${name}.git`);
  git('push', '--quiet', 'heroku', 'main:main');
  return project;
}

export interface RerunTiming {
  durationMs: number;
  /** Command names of the heroku invocations (all reads when nothing is to do). */
  invocations: string[];
}

/**
 * Benchmark hook: times `yo django-monorepo:heroku --yes` with nothing to do, `runs` times, against
 * the stand-in and the real CLI ($HEROKU_CLI or .tools/heroku). Starts and stops everything it needs.
 */
export async function timeNothingToDoRerun(runs = 1): Promise<RerunTiming[]> {
  const sandbox = await startHerokuSandbox();
  const restoreEnv = sandbox.useEnv();
  try {
    const project = provisionedProject(sandbox);
    const timings: RerunTiming[] = [];
    for (let i = 0; i < runs; i += 1) {
      sandbox.resetInvocations();
      const result = await runHerokuGenerator(project, { yes: true });
      if (result.error) throw result.error;
      timings.push({ durationMs: result.durationMs, invocations: sandbox.invocations() });
    }
    return timings;
  } finally {
    restoreEnv();
    await sandbox.close();
  }
}
