/**
 * Corpus repos whose client is made by create-react-app or Vue CLI themselves (installed from the npm
 * registry at the versions below), as a user runs them inside an existing Django repo.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { git } from '../../support/committed-tree.js';
import { runChecked } from '../../support/processes.js';
import { cachedPackage } from '../make-repo.js';
import type { Client, PackageManager, Recipe } from '../recipes.js';

/**
 * create-react-app 5.1.0 installs react-scripts 5.0.1 and cra-template 1.3.0 (React 19); Vue CLI 5.0.9 makes
 * a Vue 3 app on webpack 5, Vue CLI 4.5.19 a Vue 2 app on webpack 4 (4.47, which hashes without OpenSSL's md4).
 */
export const FRAMEWORK_TOOLS = { createReactApp: '5.1.0', vueCli: '5.0.9', vueCli4: '4.5.19' };

const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) => runChecked(command, args, { cwd, env, timeoutMs: 900_000 });

/** The tools run on a developer's machine, not in CI: pnpm would refuse to update the lockfile they are making. */
function outsideCi(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { CI: _ci, ...rest } = env;
  return rest;
}

/**
 * `create-react-app client` in a repo that is already a git repository (so it makes no nested one). It
 * installs with yarn when started by yarn (its user agent), else with npm; it has no pnpm mode.
 */
async function makeWithCreateReactApp(repo: string, manager: PackageManager, env: NodeJS.ProcessEnv): Promise<void> {
  if (manager !== 'npm' && manager !== 'yarn') throw new Error(`create-react-app installs with npm or yarn 1, not ${manager}`);
  const version = FRAMEWORK_TOOLS.createReactApp;
  const cli = await cachedPackage(`create-react-app-${version}`, [`create-react-app@${version}`], 'node_modules/create-react-app/index.js', env);
  await git(['init', '--quiet', '--initial-branch=main'], repo, env);
  const agent = manager === 'yarn' ? { npm_config_user_agent: 'yarn/1.22.22 npm/? node/v20' } : {};
  await run(process.execPath, [cli, 'client'], repo, { ...outsideCi(env), ...agent });
}

/** `vue create --default` (Babel, ESLint) without git, installing with the recipe's manager. */
const makeWithVueCli = (version: string) => async (repo: string, manager: PackageManager, env: NodeJS.ProcessEnv): Promise<void> => {
  if (manager === 'yarn-berry') throw new Error('Vue CLI installs with npm, yarn 1 or pnpm');
  const cli = await cachedPackage(`vue-cli-${version}`, [`@vue/cli@${version}`], 'node_modules/@vue/cli/bin/vue.js', env);
  // Its preferences (.vuerc) go to a folder of this run, not the machine's home.
  const config = path.join(path.dirname(repo), 'vue-config');
  mkdirSync(config, { recursive: true });
  await run(process.execPath, [cli, 'create', '--default', '--no-git', '--skipGetStarted', '--packageManager', manager, 'client'], repo, {
    ...outsideCi(env),
    XDG_CONFIG_HOME: config,
  });
};

const CRA: Client = { tool: 'framework', label: `create-react-app ${FRAMEWORK_TOOLS.createReactApp}`, make: makeWithCreateReactApp };
const VUE_CLI: Client = { tool: 'framework', label: `Vue CLI ${FRAMEWORK_TOOLS.vueCli}`, make: makeWithVueCli(FRAMEWORK_TOOLS.vueCli) };
// Vue CLI 4 with yarn 1 cannot install on Node 20: yarn enforces @achrinza/node-ipc 9.2.2's engines (node <= 17); npm only warns.
const VUE_CLI_4: Client = { tool: 'framework', label: `Vue CLI ${FRAMEWORK_TOOLS.vueCli4}`, make: makeWithVueCli(FRAMEWORK_TOOLS.vueCli4) };

export const CRA_VUECLI_RECIPES: Recipe[] = [
  { name: 'dj42-package-cra-npm', django: '4.2.20', settingsPackage: true, backend: { deps: 'requirements' }, client: CRA, packageManager: 'npm', index: true },
  // Vue CLI 5 with yarn 1 deploys too (measured 154-207 s); left out for CI time, Vue CLI 4 covers another major line.
  { name: 'dj32-split-vuecli-pnpm', django: '3.2.25', backend: { deps: 'split' }, client: VUE_CLI, packageManager: 'pnpm', index: true },
  { name: 'dj52-vuecli4-npm', django: '5.2.12', backend: { deps: 'requirements' }, client: VUE_CLI_4, packageManager: 'npm', index: true },
];
