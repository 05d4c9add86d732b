// Every error the user sees is one line that says what to do; the stack only with DEBUG set.
import { explainSystemError } from './apply/errors.js';

interface SystemError extends Error {
  code?: string;
  path?: string;
  dest?: string;
}

// Inquirer's words when a question is asked with no terminal to answer it.
const CLOSED_PROMPT = /force closed the prompt/;

/** The one line to print for an error. */
export function errorLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error).split('\n')[0];
  const { code, path: file, dest } = error as SystemError;
  // A system error from outside the apply step (reading the target, a tool's folder): the same sentences.
  if (code && (file || dest)) return explainSystemError(error, dest ?? file!, '').message;
  if (CLOSED_PROMPT.test(error.message)) {
    return 'A question was asked with no terminal to answer it: give its answer as a flag, or pass --yes to take the defaults.';
  }
  // Several lines (a wrapped tool's output, a JSON parser's excerpt) are joined, never cut.
  return error.message.trim().replace(/\s*\n\s*/g, ' ');
}

/** Inquirer's closed prompt in a terminal is the user's Ctrl-C (without one, no question could be answered). */
export function interruptedAtQuestion(error: unknown, terminal = Boolean(process.stdin.isTTY)): boolean {
  return terminal && error instanceof Error && (error.name === 'ExitPromptError' || CLOSED_PROMPT.test(error.message));
}

/** What the bin prints for an error: the one line, then the stack when DEBUG is set. */
export function errorReport(prefix: string, error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const line = `${prefix}: ${errorLine(error)}`;
  return env.DEBUG && error instanceof Error && error.stack ? `${line}\n${error.stack}` : line;
}
