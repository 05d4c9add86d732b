#!/usr/bin/env node
// `npm create django-monorepo my-app`: runs the app generator without a global `yo`.
import { fileURLToPath } from 'node:url';
import { prepareCommand } from 'yeoman-environment';

const generator = (name: string) => fileURLToPath(new URL(`../generators/${name}/index.js`, import.meta.url));

try {
  const command = await prepareCommand({ resolved: generator('app'), namespace: 'django-monorepo:app' });
  // Registered so the app generator can compose with them (e.g. the retrofit path).
  for (const name of ['backend', 'client', 'deploy', 'eject']) {
    command.env!.register(generator(name), { namespace: `django-monorepo:${name}` });
  }
  command.name('create-django-monorepo');
  await command.parseAsync(process.argv);
} catch (error) {
  console.error(`create-django-monorepo: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
