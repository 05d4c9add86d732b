// The fast path of `create-django-monorepo`: with every answer given (--yes) and a new or empty
// folder, nothing needs Yeoman's environment, prompts or conflicter. The same plan from lib/ is
// rendered and written through the same apply step (lib/apply) as the Yeoman path, so the output is
// byte for byte what the Yeoman path writes (a test holds both to that), all or nothing.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { applyChanges, recoverInterruptedRun } from '../lib/apply/index.js';
import { buildContext } from '../lib/context.js';
import { projectNameFrom } from '../lib/names.js';
import { PROJECT_OPTIONS, resolveAnswers, type AnswerName } from '../lib/options.js';
import { planNewProject } from '../lib/plan/project.js';
import { findOnPath, lockStillNeeded, pythonLockStep } from '../lib/python-lock.js';
import { CONFIG_KEY } from '../lib/target.js';
import { renderPlan } from '../lib/templates.js';
import { runTool } from '../lib/run-tool.js';

export interface CommandLine {
  folder?: string;
  given: Partial<Record<AnswerName, string>>;
  yes: boolean;
  skipInstall: boolean;
  skipGit: boolean;
  /** Every argument is one the fast path understands (no --force, --templates, unknown flags...). */
  plain: boolean;
}

const ANSWER_FLAGS = new Map(PROJECT_OPTIONS.map((spec) => [`--${spec.flag}`, spec.name]));

/** The answers and switches on a command line; anything else only marks it as not plain. */
export function readCommandLine(args: readonly string[]): CommandLine {
  const line: CommandLine = { given: {}, yes: false, skipInstall: false, skipGit: false, plain: true };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') ? (args[i].split(/=(.*)/s) as [string, string?]) : [args[i]];
    const answer = ANSWER_FLAGS.get(flag);
    if (answer) {
      const value = inline ?? args[i + 1];
      if (inline === undefined) i++;
      if (value === undefined) line.plain = false;
      else line.given[answer] = value;
    } else if (inline !== undefined) line.plain = false;
    else if (flag === '--yes' || flag === '-y') line.yes = true;
    else if (flag === '--skip-install') line.skipInstall = true;
    else if (flag === '--skip-git') line.skipGit = true;
    else if (!flag.startsWith('-') && line.folder === undefined) line.folder = flag;
    else line.plain = false;
  }
  return line;
}

/** With every answer given or defaulted (--yes) and nothing else asked for, Yeoman is not needed. */
export function servesQuickly(line: CommandLine): boolean {
  return line.yes && line.plain;
}

/**
 * Writes the new project; returns false, having done nothing, when the folder already has entries
 * (the Yeoman path then decides: a re-run, a retrofit, or a refusal).
 */
export async function createQuickly(request: CommandLine, cwd: string): Promise<boolean> {
  const target = path.resolve(cwd, request.folder ?? '.');
  const show = (file: string) => path.relative(cwd, path.join(target, file)) || file;
  recoverInterruptedRun(target, (line) => console.log(line));
  if (existsSync(target) && readdirSync(target).length > 0) return false;
  const answers = await resolveAnswers(projectNameFrom(target), request.given, {});
  const context = buildContext(answers);
  const files = renderPlan(planNewProject(context), context).map((file) => ({ path: file.destination, contents: file.contents, action: 'create' as const }));
  // The answers go in the same all-or-nothing write: a project on disk always knows it is ours.
  files.push({ path: '.yo-rc.json', contents: `${JSON.stringify({ [CONFIG_KEY]: answers }, null, 2)}\n`, action: 'create' });
  await applyChanges(target, files, { log: (line) => console.log(line.replace(/\S+$/, show)) });
  const lock = pythonLockStep(context);
  let lockNotice: string | undefined;
  if (lock && (request.skipInstall || !findOnPath(lock.program))) lockNotice = lockStillNeeded(lock, request.skipInstall ? 'skip-install' : 'missing');
  else if (lock) {
    // runTool gives no stdin: a tool that asks (pipenv offering to install a Python) gets no, not a hang.
    await runTool(lock.program, lock.args, path.join(target, lock.dir)).catch(() => {
      throw new Error(lockStillNeeded(lock, 'failed'));
    });
  }
  if (context.clientDir && !request.skipInstall) {
    await runTool('npm', ['install', '--no-audit', '--no-fund'], path.join(target, context.clientDir));
  }
  if (!request.skipGit && !existsSync(path.join(target, '.git'))) {
    await runTool('git', ['init', '--quiet', '--initial-branch=main'], target);
  }
  console.log(`\nDone: ${target}\nNext: see README.md for local development and \`yo django-monorepo:heroku\` to deploy.`);
  if (lockNotice) console.log(lockNotice);
  return true;
}
