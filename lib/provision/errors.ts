/**
 * Every error provisioning stops with: what went wrong, and in `whatToDo` the one thing the user does
 * next. Messages are already redacted.
 */
export class ProvisionError extends Error {
  constructor(
    message: string,
    readonly whatToDo: string,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** The text users see: the problem, then what to do. */
  get report(): string {
    return `${this.message}\n→ ${this.whatToDo}`;
  }
}

export class HerokuCliMissingError extends ProvisionError {
  constructor(program: string) {
    super(
      `The heroku CLI was not found (looked for ${JSON.stringify(program)}).`,
      'Install it (https://devcenter.heroku.com/articles/heroku-cli, or `npm install -g heroku`), or point HEROKU_CLI at it, then run again.',
    );
  }
}

export class GitMissingError extends ProvisionError {
  constructor() {
    super('git was not found.', 'Install git, then run again.');
  }
}

export class NotLoggedInError extends ProvisionError {
  constructor(cliMessage: string) {
    super(
      `The heroku CLI is not logged in (${cliMessage}).`,
      'Run `heroku login` (or set HEROKU_API_KEY to a valid API key in CI), then run again.',
    );
  }
}

export class NotAGitRepositoryError extends ProvisionError {
  constructor(cwd: string) {
    super(`${cwd} is not inside a git repository.`, 'Run `git init`, commit your project, then run again.');
  }
}

export class NoCommitError extends ProvisionError {
  constructor() {
    super('The git repository has no commit yet, so there is nothing to deploy.', 'Commit your project (`git add -A && git commit -m "Initial commit"`), then run again.');
  }
}

export class DeploymentFilesMissingError extends ProvisionError {
  constructor(readonly missing: readonly string[]) {
    super(
      `The deployment files ${missing.join(', ')} are missing at the project root.`,
      'Run `yo django-monorepo:deploy` to add them, commit them, then run again.',
    );
  }
}

export class DjangoCheckFailedError extends ProvisionError {
  constructor(output: string) {
    super(
      `\`manage.py check --deploy\` with production settings failed:\n${output.trim()}`,
      'Fix the problems listed above (or run with --skip-checks to deploy anyway), then run again.',
    );
  }
}

export class AppNameTakenError extends ProvisionError {
  constructor(readonly app: string) {
    super(`The Heroku app name "${app}" is taken by another account.`, 'Choose another name with --app NAME, then run again.');
  }
}

export class StoredAppMissingError extends ProvisionError {
  constructor(readonly app: string) {
    super(
      `The Heroku app "${app}" recorded in .yo-rc.json no longer exists (deleted or renamed); it was removed from .yo-rc.json.`,
      'Run again with --app NAME to create a new app (the old name if you want it back).',
    );
  }
}

export class UnexpectedOutputError extends ProvisionError {
  constructor(commandLine: string, detail: string) {
    super(`\`${commandLine}\` printed output that is not the JSON expected (${detail}).`, 'Update the heroku CLI (`heroku update`), then run again.');
  }
}

/** A command of the plan failed; applying stopped there and a re-run continues from this step. */
export class StepFailedError extends ProvisionError {
  constructor(
    readonly step: string,
    readonly commandLine: string,
    readonly cliMessage: string,
    whatToDo: string,
  ) {
    super(`Step "${step}" failed: \`${commandLine}\`\n${cliMessage}`, whatToDo);
  }
}

/** The CLI's error as it prints it: ` ›   Error: <message>` and an optional ` ›   Error ID: <id>`. */
export interface CliError {
  message: string;
  id: string | null;
}

export function parseCliError(stderr: string): CliError {
  const lines = stderr.split('\n').map((line) => line.replace(/^\s*›\s?/, '').trim());
  const id = lines.map((line) => /^Error ID: (\S+)/.exec(line)?.[1]).find(Boolean) ?? null;
  const start = lines.findIndex((line) => line.startsWith('Error: '));
  if (start === -1) {
    const text = lines.filter((line) => line && !line.startsWith('Warning:') && !line.startsWith('https://')).join('\n');
    return { message: text || 'no message', id };
  }
  const message: string[] = [lines[start].slice('Error: '.length)];
  for (const line of lines.slice(start + 1)) {
    if (!line || line.startsWith('Error ID:')) break;
    message.push(line);
  }
  return { message: message.join('\n'), id };
}
