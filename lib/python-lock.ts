import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import type { TemplateContext } from './context.js';

/**
 * The lock a new project's Python dependency format needs before Heroku can build it (the Python
 * buildpack installs Pipenv only from Pipfile.lock, and uv only from uv.lock). The tool makes it,
 * in the backend folder, during the install step; when it cannot, the run ends with this command.
 */
export interface PythonLockStep {
  program: 'uv' | 'pipenv';
  args: readonly string[];
  /** The backend folder, relative to the project root, where the tool runs. */
  dir: string;
  /** The lock file it writes, relative to the project root. */
  lockFile: string;
  /** What a user runs by hand from the project root. */
  commandLine: string;
}

export function pythonLockStep(context: Pick<TemplateContext, 'pythonDeps' | 'backendDir'>): PythonLockStep | null {
  if (context.pythonDeps === 'pip') return null;
  const program = context.pythonDeps;
  const lockFile = `${context.backendDir}/${program === 'uv' ? 'uv.lock' : 'Pipfile.lock'}`;
  return { program, args: ['lock'], dir: context.backendDir, lockFile, commandLine: `cd ${context.backendDir} && ${program} lock` };
}

/** The program's path when it is on PATH (and executable), else null; nothing is run to find out. */
export function findOnPath(program: string, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const candidate = path.join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this folder; keep looking.
    }
  }
  return null;
}

/** Why the lock was not made, and what to run: the last lines of the run. */
export function lockStillNeeded(step: PythonLockStep, reason: 'skip-install' | 'missing' | 'failed'): string {
  const why = {
    'skip-install': 'was not made (--skip-install)',
    missing: `was not made: ${step.program} is not on PATH`,
    failed: `was not made: \`${step.program} lock\` failed (see above)`,
  }[reason];
  return `${step.lockFile} ${why}. Heroku will not build the backend without it: run \`${step.commandLine}\`, then commit ${step.lockFile}.`;
}
