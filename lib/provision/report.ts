import { commandLineOf, type ApplyResult } from './apply.js';
import type { ProvisionError } from './errors.js';
import type { HerokuState, ProvisionPlan } from './types.js';

/** The plan as users read it before confirming: numbered commands they could run by hand. */
export function formatPlan(plan: ProvisionPlan, state: HerokuState, warnings: readonly string[]): string[] {
  const lines: string[] = [];
  const where = state.app ? `${state.app.name} (${state.app.webUrl}, region ${state.app.region}, stack ${state.app.stack})` : `${plan.app} (does not exist yet)`;
  lines.push(`Heroku app: ${where}, as ${state.account}`);
  if (plan.upToDate) lines.push('Everything is already provisioned and deployed: nothing to change.');
  else {
    const changes = plan.commands.filter((c) => c.step !== 'open').length;
    lines.push(`Plan (${changes} ${changes === 1 ? 'change' : 'changes'}, secrets shown as <redacted>):`);
  }
  plan.commands.forEach((command, index) => {
    lines.push(`  ${index + 1}. ${command.description}`);
    lines.push(`     $ ${commandLineOf(command)}`);
    for (const note of command.notes) lines.push(`     ! ${note}`);
  });
  if (plan.commands.some((command) => command.args.some((arg) => arg.includes('<app-host>')))) {
    lines.push('  <app-host> is the hostname Heroku gives the new app (read from `apps:create --json`).');
  }
  for (const warning of warnings) lines.push(`Warning: ${warning}`);
  return lines;
}

/** Machine-readable summary for `--json`: the plan, what ran, and the error if any. Redacted throughout. */
export function jsonReport(input: {
  app: string | null;
  plan: ProvisionPlan | null;
  state: HerokuState | null;
  dryRun: boolean;
  warnings: readonly string[];
  applied: ApplyResult | null;
  error: ProvisionError | null;
  notices: readonly string[];
}): object {
  const { plan, state, applied, error } = input;
  return {
    app: input.app,
    /** Whether the app existed before this run (null when it could not be read). */
    appExisted: state ? state.app !== null : null,
    webUrl: applied?.createdApp?.webUrl ?? state?.app?.webUrl ?? null,
    dryRun: input.dryRun,
    upToDate: plan?.upToDate ?? null,
    plan: (plan?.commands ?? []).map((command) => ({
      step: command.step,
      kind: command.kind,
      description: command.description,
      command: commandLineOf(command),
      notes: command.notes,
    })),
    configChanges: plan?.configChanges ?? {},
    results: applied?.outcomes ?? [],
    warnings: input.warnings,
    notices: input.notices,
    error: error ? { type: error.name, message: error.message, whatToDo: error.whatToDo } : null,
  };
}
