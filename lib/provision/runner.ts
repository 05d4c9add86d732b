import { spawn } from 'node:child_process';

/** What one external command did. Every text field is already redacted. */
export interface CommandResult {
  /** The command line as a user could copy it, secrets replaced. */
  commandLine: string;
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface RunOptions {
  /** Values that are secret for this command only (e.g. a generated key in its argv). */
  secrets?: readonly string[];
  /** Extra environment variables and working folder for this command. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Called with each redacted chunk of stderr while the command runs (progress of `git push`). */
  onProgress?: (chunk: string) => void;
}

export const REDACTED = '<redacted>';

/** The programs provisioning runs, by role; values are names on PATH or paths. */
export interface Programs {
  heroku: string;
  git: string;
  python: string;
}
export type Program = keyof Programs;

/** Thrown when the program itself cannot be started (not installed, not on PATH). */
export class ProgramNotFoundError extends Error {
  constructor(readonly program: string) {
    super(`${program} was not found`);
    this.name = 'ProgramNotFoundError';
  }
}

/**
 * The one way provisioning runs an external program: an argument array (never a shell), output
 * collected, every known secret redacted before anything leaves the runner.
 */
export class CommandRunner {
  readonly #secrets = new Set<string>();
  /** Every command started, in order, redacted; useful for logs and for counting invocations. */
  readonly history: string[] = [];

  constructor(
    readonly programs: Programs,
    readonly cwd: string,
    readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    if (env.HEROKU_API_KEY) this.addSecret(env.HEROKU_API_KEY);
  }

  addSecret(value: string): void {
    // Short values would redact ordinary words; secrets we handle are long.
    if (value.length >= 8) this.#secrets.add(value);
  }

  redact(text: string, extra: readonly string[] = []): string {
    let result = text;
    for (const secret of [...this.#secrets, ...extra]) {
      if (secret) result = result.split(secret).join(REDACTED);
    }
    return result;
  }

  format(program: string, args: readonly string[], extra: readonly string[] = []): string {
    return this.redact(formatCommandLine(program, args, extra));
  }

  heroku(args: readonly string[], options?: RunOptions): Promise<CommandResult> {
    return this.run('heroku', args, options);
  }

  git(args: readonly string[], options?: RunOptions): Promise<CommandResult> {
    return this.run('git', args, options);
  }

  run(program: Program, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
    const secrets = options.secrets ?? [];
    const commandLine = this.format(program, args, secrets);
    this.history.push(commandLine);
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const child = spawn(this.programs[program], args, {
        cwd: options.cwd ?? this.cwd,
        env: options.env ? { ...this.env, ...options.env } : this.env,
        stdio: ['ignore', 'pipe', 'pipe'],
        shell: false,
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
        options.onProgress?.(this.redact(chunk, secrets));
      });
      child.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT' || error.code === 'EACCES') reject(new ProgramNotFoundError(program));
        else reject(error);
      });
      child.on('close', (code, signal) => {
        resolve({
          commandLine,
          exitCode: code ?? (signal ? 128 : 1),
          stdout: this.redact(stdout, secrets),
          stderr: this.redact(stderr, secrets),
          durationMs: Date.now() - started,
        });
      });
    });
  }
}

/** A command line a user could paste into a POSIX shell, with the given secrets replaced. */
export function formatCommandLine(program: string, args: readonly string[], secrets: readonly string[] = []): string {
  return [program, ...args]
    .map((arg) => {
      let text = arg;
      for (const secret of secrets) if (secret) text = text.split(secret).join(REDACTED);
      return shellQuote(text);
    })
    .join(' ');
}

/** Quotes one argument for a POSIX shell only when it needs it, so printed commands can be pasted. */
export function shellQuote(arg: string): string {
  // Placeholders like <redacted> stay readable: the user replaces them before pasting anyway.
  const bare = arg.replace(/<[a-z-]+>/g, 'x');
  if (bare !== '' && /^[A-Za-z0-9_@%+=:,./#-]+$/.test(bare)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
