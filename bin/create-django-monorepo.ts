#!/usr/bin/env node
// `npm create django-monorepo my-app`: runs the app generator without a global `yo`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFlagsForPath, readFlags } from '../lib/command-line.js';
import { recoverInterruptedRun } from '../lib/apply/index.js';
import { errorReport, interruptedAtQuestion } from '../lib/error-message.js';
import { helpText } from '../lib/help.js';
import { checkTargetPath, readStoredAnswers } from '../lib/target-checks.js';
import { inspectTargetFolder } from '../lib/target.js';
import { packageRoot } from '../lib/templates.js';
import { createQuickly, readCommandLine, servesQuickly } from './quick-create.js';

const BIN = 'create-django-monorepo';
const generator = (name: string) => fileURLToPath(new URL(`../generators/${name}/index.js`, import.meta.url));

async function runWithYeoman(): Promise<void> {
  // Loaded only here: yeoman-environment alone costs over a second to import.
  const { prepareCommand } = await import('yeoman-environment');
  const command = await prepareCommand({ resolved: generator('app'), namespace: 'django-monorepo:app' });
  // Registered so the app generator can compose with them (e.g. the retrofit path).
  for (const name of ['backend', 'client', 'deploy', 'eject']) {
    command.env!.register(generator(name), { namespace: `django-monorepo:${name}` });
  }
  command.name(BIN);
  await command.parseAsync(process.argv);
}

async function main(args: string[]): Promise<void> {
  const flags = readFlags(args);
  if (flags.given('help')) return void process.stdout.write(helpText(BIN));
  if (flags.given('version')) {
    const { version } = JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
    return void process.stdout.write(`${version}\n`);
  }
  const cwd = path.resolve(String(flags.given('cwd') ?? '.'));
  const target = path.resolve(cwd, flags.folder ?? '.');
  checkTargetPath(target);
  // A killed run's leftovers are undone first, so they are not taken for the user's Django project.
  recoverInterruptedRun(target, (line) => console.log(line));
  readStoredAnswers(target);
  // Bad answers stop here, in one line, before any folder, question or Yeoman; so do flags of the
  // other path (a new project's answers in a Django repo, the retrofit's flags for a new project).
  checkFlagsForPath(inspectTargetFolder(target) === 'django' ? 'retrofit' : 'new', flags.given);
  const line = readCommandLine(args);
  if (!servesQuickly(line) || !(await createQuickly(line, cwd))) await runWithYeoman();
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (interruptedAtQuestion(error)) {
    // Ctrl-C at a question: the terminal's convention, not a failure to explain.
    console.error(`\n${BIN}: interrupted.`);
    process.exitCode = 130;
  } else {
    console.error(errorReport(BIN, error));
    process.exitCode = 1;
  }
}
