// Small pieces every generator here needs from Yeoman's options and .yo-rc.json.
import type Generator from 'yeoman-generator';
import { readStoredAnswers } from '../lib/target-checks.js';

const camelCase = (flag: string) => flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * An option's value, whether it came as `dry-run` (yo's argv) or `dryRun` (commander, composeWith).
 * Yeoman fills a boolean's declared default (false) under the dashed name even when the runner passed
 * `dryRun: true`, so a false or missing spelling never hides a value given under the other one.
 */
export function optionValue(generator: Generator, flag: string): unknown {
  const options = generator.options as Record<string, unknown>;
  const values = [options[flag], options[camelCase(flag)]];
  return values.find((value) => value !== undefined && value !== false) ?? values.find((value) => value !== undefined);
}

/** A switch (`--yes`, `--skip-git`, ...) is on when either spelling says so. */
export function switchOn(generator: Generator, flag: string): boolean {
  return optionValue(generator, flag) === true;
}

/** Stores only the answers that changed, so a re-run with nothing new leaves .yo-rc.json untouched. */
export function storeChanged(generator: Generator, values: Record<string, unknown>): void {
  const changed = Object.entries(values).filter(([key, value]) => generator.config.get(key) !== value);
  if (changed.length > 0) generator.config.set(Object.fromEntries(changed));
}

/**
 * Yeoman logs "✖ An error occured while running <task>" before the error reaches whoever prints it:
 * the error's own line is enough. Kept with DEBUG set, for the task's name.
 */
export function oneLineErrors(generator: Generator): void {
  const log = generator.log;
  // No logger yet when Yeoman makes a generator only to read its options for --help.
  if (process.env.DEBUG || !log) return;
  (generator as { log: typeof log }).log = new Proxy(log, {
    get(target, property, receiver) {
      if (property !== 'error') return Reflect.get(target, property, receiver);
      return (...args: unknown[]) => (String(args[0]).startsWith('An error occured while running') ? target : target.error(...(args as [string])));
    },
  });
}

/**
 * Checks the `.yo-rc.json` Yeoman reads while it constructs a generator, so that a corrupted one is
 * named with the fix instead of Yeoman's parse error. Used as `super(args, checkedOptions(options))`.
 */
export function checkedOptions<T>(options: T): T {
  const given = options as { help?: boolean; destinationRoot?: string; env?: { cwd?: string } } | undefined;
  if (!given?.help) readStoredAnswers(given?.destinationRoot ?? given?.env?.cwd ?? process.cwd());
  return options;
}
