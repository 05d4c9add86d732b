// What a command line asks for, and which of its flags apply to the path the run takes: a new
// project (or a re-run of one), or the retrofit of a Django project that is already there.
import { DEPLOY_FLAGS, DEPLOY_SWITCHES, deployChoices } from './deploy-flags.js';
import { checkGivenOptions, PROJECT_OPTIONS, type AnswerName } from './options.js';

/** The switches and texts of the new-project generators besides their answers. */
export const PROJECT_SWITCHES = {
  yes: { type: Boolean, alias: 'y', description: 'Take the default for every question that has no flag or stored answer; never prompt' },
  templates: { type: String, description: 'Folder of template overrides, looked up before .django-monorepo/templates/ (stored as templatesDir)' },
  'print-context': { type: Boolean, description: 'Print the template context as JSON on stdout and stop, writing nothing' },
} as const;

/** Only the app generator (and so the bin) runs git. */
export const APP_SWITCHES = {
  'skip-git': { type: Boolean, description: 'Do not run git init' },
} as const;

/** Yeoman's own switches that matter here: declared by Yeoman, listed by --help. */
export const YEOMAN_SWITCHES = {
  'skip-install': { type: Boolean, description: 'Do not run npm install in the client folder' },
  force: { type: Boolean, description: 'Overwrite files that differ without asking' },
} as const;

export type RunPath = 'new' | 'retrofit';

/** A flag's value as given, by flag name without dashes; undefined when not given. */
export type GivenFlag = (flag: string) => unknown;

const PROJECT_FLAGS = new Set(PROJECT_OPTIONS.map((spec) => spec.flag));
const DEPLOY_FLAG_NAMES = new Set([...Object.values(DEPLOY_FLAGS).map((spec) => spec.flag), ...Object.keys(DEPLOY_SWITCHES)]);
const NEW_PROJECT_FLAGS = new Set([...PROJECT_FLAGS, ...Object.keys(PROJECT_SWITCHES), ...Object.keys(APP_SWITCHES)]);

/**
 * Flags the path does not use, with what to do instead; a flag on the wrong path is refused, not
 * ignored. --skip-install and --skip-git stay accepted everywhere: asking not to do what the
 * retrofit never does is true either way, and scripts pass them to every run.
 */
const OFF_PATH: Record<RunPath, Array<[string, string]>> = {
  new: [
    ...[...DEPLOY_FLAG_NAMES]
      .filter((flag) => !NEW_PROJECT_FLAGS.has(flag))
      .map((flag): [string, string] => [flag, 'applies only to a folder that already holds a Django project (the retrofit); drop it for a new project']),
  ],
  retrofit: [
    ...[...PROJECT_FLAGS]
      .filter((flag) => !DEPLOY_FLAG_NAMES.has(flag))
      .map((flag): [string, string] => [flag, 'applies only to a new project; this folder already holds a Django project, whose layout is detected: drop it']),
    ['print-context', 'applies only to a new project; for the retrofit, run without --yes to see the detected layout and the plan before anything is written'],
  ],
};

/**
 * Checks every given flag for the path the run takes, before anything is asked or written:
 * flags of the other path are refused, values are checked by that path's rules. One-line errors.
 */
export function checkFlagsForPath(path: RunPath, given: GivenFlag): void {
  for (const [flag, why] of OFF_PATH[path]) {
    const value = given(flag);
    if (value !== undefined && value !== false) throw new Error(`--${flag} ${why}.`);
  }
  if (path === 'retrofit') {
    deployChoices(given);
    return;
  }
  if (given('client') === 'none') throw new Error('--client "none" would be a folder named none: use --framework none for a project without a client.');
  const answers: Partial<Record<AnswerName, unknown>> = {};
  for (const spec of PROJECT_OPTIONS) answers[spec.name] = given(spec.flag);
  checkGivenOptions(answers);
}

/** The options `:deploy` gets when the new-project generator hands a Django repo over to it. */
export function deployOptionsFrom(given: GivenFlag): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const flag of [...DEPLOY_FLAG_NAMES, 'force']) {
    const value = given(flag);
    if (value !== undefined) options[flag] = value;
  }
  return options;
}

/** Flags that take a value; every other flag is a switch. */
const VALUE_FLAGS = new Set([
  ...PROJECT_FLAGS,
  ...Object.values(DEPLOY_FLAGS).map((spec) => spec.flag),
  ...Object.entries({ ...PROJECT_SWITCHES, ...DEPLOY_SWITCHES }).flatMap(([flag, spec]) => (spec.type === String ? [flag] : [])),
  'cwd',
]);
const SHORT: Record<string, string> = { '-y': 'yes', '-h': 'help', '-V': 'version' };

export interface ReadFlags {
  folder?: string;
  /** Positional arguments after the folder. */
  extra: string[];
  given: GivenFlag;
}

/** Reads argv the way the bin's command does (`--flag value`, `--flag=value`, `--no-switch`). */
export function readFlags(args: readonly string[]): ReadFlags {
  const values = new Map<string, string | boolean>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (SHORT[arg]) values.set(SHORT[arg], true);
    else if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s) as [string, string?];
      if (VALUE_FLAGS.has(name)) {
        const value = inline ?? args[++i];
        if (value !== undefined) values.set(name, value);
      } else if (name.startsWith('no-')) values.set(name.slice(3), false);
      else values.set(name, inline ?? true);
    } else positional.push(arg);
  }
  return { folder: positional[0], extra: positional.slice(1), given: (flag) => values.get(flag) };
}
