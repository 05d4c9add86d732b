import {
  AppNameTakenError,
  GitMissingError,
  HerokuCliMissingError,
  NotLoggedInError,
  parseCliError,
  ProvisionError,
  StepFailedError,
  UnexpectedOutputError,
} from './errors.js';
import { ProgramNotFoundError, type CommandResult, type CommandRunner, type RunOptions } from './runner.js';
import type { PlannedCommand, StepName } from './types.js';

/** Runs one planned command; any failure becomes a ProvisionError that says what to do. */
export async function runPlanned(
  runner: CommandRunner,
  command: PlannedCommand,
  options: Pick<RunOptions, 'onProgress'> = {},
): Promise<CommandResult> {
  let result: CommandResult;
  try {
    result = await runner.run(command.program, command.args, { secrets: command.secrets, onProgress: options.onProgress });
  } catch (error) {
    if (error instanceof ProgramNotFoundError && error.program === 'heroku') throw new HerokuCliMissingError(runner.programs.heroku);
    if (error instanceof ProgramNotFoundError && error.program === 'git') throw new GitMissingError();
    throw error;
  }
  if (result.exitCode !== 0) throw failureOf(command, result);
  return result;
}

/** Parses a command's stdout as JSON, with an error that names the command when it is not. */
export function jsonOf<T>(result: CommandResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch (error) {
    throw new UnexpectedOutputError(result.commandLine, (error as Error).message);
  }
}

export function failureOf(command: PlannedCommand, result: CommandResult): ProvisionError {
  const cli = command.program === 'heroku' ? parseCliError(result.stderr) : { message: result.stderr.trim() || `exit code ${result.exitCode}`, id: null };
  if (command.program === 'heroku' && (result.exitCode === 100 || cli.id === 'unauthorized')) {
    return new NotLoggedInError(cli.message);
  }
  if (command.step === 'create-app' && cli.id === 'invalid_params' && /taken/i.test(cli.message)) {
    return new AppNameTakenError(command.args[1]);
  }
  return new StepFailedError(command.step, result.commandLine, cli.message, whatToDoAfter(command.step, cli.id));
}

const RERUN = 'then run the generator again: steps already done are skipped.';

function whatToDoAfter(step: StepName, id: string | null): string {
  if (id && /^(internal|unavailable|service_unavailable|timeout)/.test(id)) {
    return `Heroku could not answer (see https://status.heroku.com); wait a moment, ${RERUN}`;
  }
  switch (step) {
    case 'create-app':
      return `Check the region, team and stack names (\`heroku regions\`, \`heroku teams\`, \`heroku stack\`), ${RERUN}`;
    case 'create-postgres':
      return `Check the plan (\`heroku addons:plans heroku-postgresql\`) and that the account can pay for add-ons (a verified card), ${RERUN}`;
    case 'push':
      return `Read the build output above (also \`heroku builds\` and \`heroku logs --tail\`); fix the build, commit, ${RERUN}`;
    case 'add-remote':
      return `Check \`git remote -v\`; fix or remove the \`heroku\` remote, ${RERUN}`;
    default:
      return `Fix the problem the CLI reports above, ${RERUN}`;
  }
}
