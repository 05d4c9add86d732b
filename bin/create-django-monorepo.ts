#!/usr/bin/env node
// `npm create django-monorepo my-app`: runs the app generator without a global `yo`.
import { fileURLToPath } from 'node:url';
import { checkGivenOptions } from '../lib/options.js';
import { createQuickly, readCommandLine, servesQuickly } from './quick-create.js';

const generator = (name: string) => fileURLToPath(new URL(`../generators/${name}/index.js`, import.meta.url));

async function runWithYeoman(): Promise<void> {
  // Loaded only here: yeoman-environment alone costs over a second to import.
  const { prepareCommand } = await import('yeoman-environment');
  const command = await prepareCommand({ resolved: generator('app'), namespace: 'django-monorepo:app' });
  // Registered so the app generator can compose with them (e.g. the retrofit path).
  for (const name of ['backend', 'client', 'deploy', 'eject']) {
    command.env!.register(generator(name), { namespace: `django-monorepo:${name}` });
  }
  command.name('create-django-monorepo');
  await command.parseAsync(process.argv);
}

try {
  const line = readCommandLine(process.argv.slice(2));
  // Bad answers stop here, in one line, before any folder, question or Yeoman.
  checkGivenOptions(line.given);
  if (!servesQuickly(line) || !(await createQuickly(line, process.cwd()))) await runWithYeoman();
} catch (error) {
  console.error(`create-django-monorepo: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
