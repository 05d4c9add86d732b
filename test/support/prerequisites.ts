import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/**
 * End-to-end tests need real components (Debian's Django, PostgreSQL, the heroku CLI). Locally a
 * missing one skips the suite with a notice naming it; in CI (CI=true) it is a failure, so CI can never
 * pass by skipping.
 */
/** Starts the notice of a suite that skips; the skip reporter lists these reasons after the summary. */
export const SKIP_NOTICE = 'SKIPPING end-to-end tests:';

export function missingPrerequisites(checks: Record<string, () => boolean>): string[] {
  const missing = Object.entries(checks)
    .filter(([, present]) => {
      try {
        return !present();
      } catch {
        return true;
      }
    })
    .map(([name]) => name);
  if (missing.length > 0) {
    const message = `missing prerequisites: ${missing.join(', ')} (\`npm run test:all\` installs them)`;
    if (process.env.CI === 'true') throw new Error(`CI=true and ${message}`);
    console.warn(`\n  ${SKIP_NOTICE} ${message}\n`);
  }
  return missing;
}

export const SYSTEM_PYTHON = '/usr/bin/python3';

/** True when the system Python imports every module named. */
export function pythonHas(...modules: string[]): () => boolean {
  return () => {
    execFileSync(SYSTEM_PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], { stdio: 'ignore' });
    return true;
  };
}

export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

export function fileExists(file: string): () => boolean {
  return () => existsSync(file);
}
