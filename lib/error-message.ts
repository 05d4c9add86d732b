// Every error the user sees is one line that says what to do; the stack only with DEBUG set.

/** Sentences for the system errors a run can meet while reading the target or writing the project. */
const SYSTEM_ERRORS: Record<string, (file: string) => string> = {
  ENOTDIR: (file) => `part of ${file} is a file, not a folder: choose another folder`,
  EISDIR: (file) => `${file} is a folder where a file is needed: move it away or choose another folder`,
  EEXIST: (file) => `${file} already exists: move it away or choose another folder`,
  ENOENT: (file) => `${file} does not exist: check the path, or create its parent folder first`,
  EACCES: (file) => `no permission to write ${file}: choose a folder you own, or fix its permissions`,
  EPERM: (file) => `the system refused to change ${file}: choose a folder you own, or fix its permissions`,
  EROFS: (file) => `${file} is on a read-only file system: choose a folder on a writable disk`,
  ENOSPC: (file) => `no space left on the disk for ${file}: free some space and run again`,
  EDQUOT: (file) => `the disk quota is used up at ${file}: free some space and run again`,
  ENAMETOOLONG: (file) => `the path ${file} is too long for the file system: choose a shorter folder or shorter names`,
  ELOOP: (file) => `${file} is a symbolic link that loops: remove the link`,
};

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
  const explain = code ? SYSTEM_ERRORS[code] : undefined;
  if (explain && (file || dest)) return `${explain(dest ?? file!)} (${code}).`;
  if (CLOSED_PROMPT.test(error.message)) {
    return 'A question was asked with no terminal to answer it: give its answer as a flag, or pass --yes to take the defaults.';
  }
  // Several lines (a wrapped tool's output, a JSON parser's excerpt) are joined, never cut.
  return error.message.trim().replace(/\s*\n\s*/g, ' ');
}

/** What the bin prints for an error: the one line, then the stack when DEBUG is set. */
export function errorReport(prefix: string, error: unknown, env: NodeJS.ProcessEnv = process.env): string {
  const line = `${prefix}: ${errorLine(error)}`;
  return env.DEBUG && error instanceof Error && error.stack ? `${line}\n${error.stack}` : line;
}
