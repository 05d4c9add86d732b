import { ProvisionError } from './errors.js';
import { APP_HOST, withAppHost } from './plan.js';
import { jsonOf, runPlanned } from './run-planned.js';
import { formatCommandLine, type CommandRunner } from './runner.js';
import { parseApp, type AppJson } from './state.js';
import type { HerokuApp, PlannedCommand, ProvisionPlan } from './types.js';

export interface StepOutcome {
  step: PlannedCommand['step'];
  commandLine: string;
  status: 'done' | 'failed' | 'not run';
  durationMs: number;
}

export interface ApplyResult {
  outcomes: StepOutcome[];
  /** The app `apps:create` made, when it ran. */
  createdApp: HerokuApp | null;
  /** The first failure; later steps were not run. */
  error: ProvisionError | null;
}

export interface ApplyProgress {
  onStep?: (command: PlannedCommand, commandLine: string, index: number, total: number) => void;
  onOutput?: (chunk: string) => void;
}

/** Runs the plan's commands in order and stops at the first failure. */
export async function applyPlan(runner: CommandRunner, plan: ProvisionPlan, progress: ApplyProgress = {}): Promise<ApplyResult> {
  const outcomes: StepOutcome[] = plan.commands.map((command) => ({
    step: command.step,
    commandLine: commandLineOf(command),
    status: 'not run',
    durationMs: 0,
  }));
  let createdApp: HerokuApp | null = null;
  for (const [index, planned] of plan.commands.entries()) {
    const command = createdApp ? withAppHost(planned, createdApp.hostname) : planned;
    command.secrets.forEach((secret) => runner.addSecret(secret));
    const outcome = outcomes[index];
    outcome.commandLine = commandLineOf(command);
    progress.onStep?.(command, outcome.commandLine, index, plan.commands.length);
    try {
      const result = await runPlanned(runner, command, { onProgress: command.step === 'push' ? progress.onOutput : undefined });
      outcome.durationMs = result.durationMs;
      if (command.step === 'create-app') createdApp = parseApp(jsonOf<AppJson>(result));
      outcome.status = 'done';
    } catch (error) {
      outcome.status = 'failed';
      if (!(error instanceof ProvisionError)) throw error;
      return { outcomes, createdApp, error };
    }
  }
  return { outcomes, createdApp, error: null };
}

export function commandLineOf(command: PlannedCommand): string {
  return formatCommandLine(command.program === 'python' ? 'python3' : command.program, command.args, command.secrets);
}

/** True when a step still waits for the new app's hostname (shown as a placeholder in dry runs). */
export function needsAppHost(command: PlannedCommand): boolean {
  return command.args.some((arg) => arg.includes(APP_HOST));
}
