/**
 * Corpus repos whose client is made by the real Angular CLI (`ng new`), one per builder the detection
 * knows: the application builder (Angular 17+, output `<outputPath>/browser`) and the webpack browser
 * builder of the older lines (output straight into `dist/<name>`).
 */
import { runChecked } from '../../support/processes.js';
import { cachedPackage } from '../make-repo.js';
import type { PackageManager, Recipe } from '../recipes.js';

/**
 * The CLI lines the corpus makes clients with. 21.2 is the newest line that runs on Node 20 (22.x needs
 * Node >= 22.22); 16.2 is the last line whose `ng new` uses the browser builder.
 */
export const ANGULAR_CLI = { application: '21.2.27', browser: '16.2.16' } as const;

/**
 * `ng new client` in the repo, installing with the recipe's package manager (which writes its lockfile).
 * `--defaults` and no terminal keep it from asking; NG_CLI_ANALYTICS=false skips the analytics question.
 */
function ngNew(version: string, extraArgs: string[]) {
  return async (repo: string, manager: PackageManager, env: NodeJS.ProcessEnv): Promise<void> => {
    if (manager === 'yarn-berry') throw new Error('ng new installs with npm, yarn 1 or pnpm; a Yarn Berry repo needs a maker of its own');
    const ng = await cachedPackage(`angular-cli-${version}`, [`@angular/cli@${version}`], 'node_modules/@angular/cli/bin/ng.js', env);
    const args = ['new', 'client', '--defaults', '--skip-git', '--routing', '--package-manager', manager, ...extraArgs];
    await runChecked(process.execPath, [ng, ...args], { cwd: repo, env: { ...env, NG_CLI_ANALYTICS: 'false' }, timeoutMs: 900_000 });
  };
}

export const ANGULAR_RECIPES: Recipe[] = [
  {
    name: 'dj52-angular21-npm',
    django: '5.2.12',
    backend: { deps: 'requirements' },
    client: { tool: 'framework', label: `ng new ${ANGULAR_CLI.application} (application builder)`, make: ngNew(ANGULAR_CLI.application, ['--ssr=false', '--ai-config', 'none']) },
    packageManager: 'npm',
    index: true,
  },
  {
    name: 'dj42-package-angular16-yarn1',
    django: '4.2.20',
    settingsPackage: true,
    backend: { deps: 'split' },
    // Angular 16's `ng new` has no --ssr (SSR was a separate schematic then).
    client: { tool: 'framework', label: `ng new ${ANGULAR_CLI.browser} (browser builder)`, make: ngNew(ANGULAR_CLI.browser, []) },
    packageManager: 'yarn',
    index: true,
  },
];
