/**
 * The Procfile as Heroku reads it: `name: command` per line. Commands are split like a POSIX shell
 * splits words (quotes, backslashes) and `$NAME`/`${NAME}` are expanded from the process's environment,
 * so a line runs as an argument array without a shell.
 */
export function parseProcfile(text: string): Record<string, string> {
  const processes: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z0-9_-]+):\s*(.+)$/.exec(line);
    if (match) processes[match[1]] = match[2].trim();
  }
  return processes;
}

export function splitCommandLine(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote === "'") {
      if (char === "'") quote = undefined;
      else word += char;
    } else if (char === '\\' && i + 1 < line.length && (quote === undefined || '"\\$`'.includes(line[i + 1]))) {
      word = (word ?? '') + line[++i];
    } else if (quote === '"') {
      if (char === '"') quote = undefined;
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      word ??= '';
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (quote) throw new Error(`unterminated ${quote} in: ${line}`);
  if (word !== undefined) words.push(word);
  return words;
}

export function expandVariables(words: string[], env: NodeJS.ProcessEnv): string[] {
  return words.map((word) =>
    word.replace(/\$(?:\{(\w+)\}|(\w+))/g, (_, braced?: string, bare?: string) => env[braced ?? bare ?? ''] ?? ''),
  );
}

/** The command of one process type, ready for spawn: [command, args]. */
export function procfileCommand(procfile: string, type: string, env: NodeJS.ProcessEnv): [string, string[]] {
  const line = parseProcfile(procfile)[type];
  if (!line) throw new Error(`the Procfile has no ${type} line`);
  const [command, ...args] = expandVariables(splitCommandLine(line), env);
  return [command, args];
}
