// Small pieces every generator here needs from Yeoman's options and .yo-rc.json.
import type Generator from 'yeoman-generator';

/** An option's value, whether it came as `dry-run` (command line) or `dryRun` (composeWith, commander). */
export function optionValue(generator: Generator, flag: string): unknown {
  const options = generator.options as Record<string, unknown>;
  return options[flag] ?? options[flag.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())];
}

/** Stores only the answers that changed, so a re-run with nothing new leaves .yo-rc.json untouched. */
export function storeChanged(generator: Generator, values: Record<string, unknown>): void {
  const changed = Object.entries(values).filter(([key, value]) => generator.config.get(key) !== value);
  if (changed.length > 0) generator.config.set(Object.fromEntries(changed));
}
