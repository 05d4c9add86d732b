/**
 * Corpus repos whose client Nuxt made: Nuxt 2 by create-nuxt-app (its templates ship in the npm package),
 * Nuxt 3 and Nuxt 4 by the files of their starters (`nuxi init` downloads those from GitHub, which is out
 * of reach here) with the `nuxt` package from npm. Each builds the static site with `nuxt generate`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runChecked } from '../../support/processes.js';
import { cachedPackage, managerCommand } from '../make-repo.js';
import type { PackageManager, Recipe } from '../recipes.js';

/**
 * create-nuxt-app 4.0.0 is the last release that makes Nuxt 2 (6.x calls create-nuxt); its `nuxt: ^2.15.8`
 * resolves to 2.18.1. Nuxt 4.3.1 is the last Nuxt 4 whose engines allow Node 20 (4.4 wants 22.12+).
 */
export const NUXT_TOOLS = { createNuxtApp: '4.0.0', nuxt3: '3.21.11', nuxt4: '4.3.1' };

const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) => runChecked(command, args, { cwd, env, timeoutMs: 600_000 });
const write = (file: string, text: string): void => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};
// Nuxt asks about telemetry on a first run; a repo's own build would answer it with this variable.
const quiet = (env: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({ ...env, NUXT_TELEMETRY_DISABLED: '1' });

/** Nuxt 2 as create-nuxt-app answers "Universal, Static": target 'static', build "nuxt build", generate "nuxt generate". */
async function makeNuxt2(repo: string, manager: PackageManager, env: NodeJS.ProcessEnv): Promise<void> {
  if (manager !== 'npm' && manager !== 'yarn') throw new Error(`create-nuxt-app installs with npm or yarn, not ${manager}`);
  const answers = { name: 'client', language: 'js', pm: manager, ui: 'none', features: [], linter: [], test: 'none', mode: 'universal', target: 'static', devTools: [], ci: 'none', vcs: 'none' };
  // sao installs the dependencies itself, with the chosen manager: that writes the lockfile.
  const cli = await cachedPackage(`create-nuxt-app-${NUXT_TOOLS.createNuxtApp}`, [`create-nuxt-app@${NUXT_TOOLS.createNuxtApp}`], 'node_modules/create-nuxt-app/lib/cli.js', env);
  await run(process.execPath, [cli, 'client', '--answers', JSON.stringify(answers)], repo, quiet(env));
}

/** The files of Nuxt's starter (github.com/nuxt/starter, branch v3 or v4), with Nuxt pinned. */
function starterFiles(major: 3 | 4): Record<string, string> {
  const version = major === 3 ? NUXT_TOOLS.nuxt3 : NUXT_TOOLS.nuxt4;
  const pkg = {
    name: 'nuxt-app',
    private: true,
    type: 'module',
    scripts: { build: 'nuxt build', dev: 'nuxt dev', generate: 'nuxt generate', preview: 'nuxt preview', postinstall: 'nuxt prepare' },
    // The starter says "latest" for vue and vue-router; these are the ranges Nuxt itself depends on.
    dependencies: { nuxt: version, vue: '^3.5.40', 'vue-router': '^4.6.4' },
  };
  const app = '<template>\n  <div>\n    <NuxtRouteAnnouncer />\n    <NuxtWelcome />\n  </div>\n</template>\n';
  const tsconfig =
    major === 3
      ? { extends: './.nuxt/tsconfig.json' }
      : { files: [], references: ['app', 'server', 'shared', 'node'].map((part) => ({ path: `./.nuxt/tsconfig.${part}.json` })) };
  return {
    'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
    [major === 3 ? 'app.vue' : 'app/app.vue']: app,
    'nuxt.config.ts': "// https://nuxt.com/docs/api/configuration/nuxt-config\nexport default defineNuxtConfig({\n  compatibilityDate: '2025-07-15',\n  devtools: { enabled: true }\n})\n",
    'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
    'public/robots.txt': 'User-Agent: *\nDisallow:\n',
    '.gitignore': '# Nuxt dev/build outputs\n.output\n.data\n.nuxt\n.nitro\n.cache\ndist\n\n# Node dependencies\nnode_modules\n\n# Logs\nlogs\n*.log\n\n# Misc\n.DS_Store\n\n# Local env files\n.env\n.env.*\n!.env.example\n',
  };
}

/**
 * unstorage 1.17.6 (2026-10) refuses the key "/" under which Nuxt 4.3.1's renderer caches the index
 * page's payload, so a fresh install of 4.3.1 fails `nuxt generate`. A repo made with 4.3.1 in its day
 * locked unstorage 1.17.4 or 1.17.5: the manager's override keeps the lockfile to that.
 */
function pinnedUnstorage(manager: PackageManager): Record<string, unknown> {
  const pin = { unstorage: '1.17.5' };
  if (manager === 'pnpm') return { pnpm: { overrides: pin } };
  return manager === 'npm' ? { overrides: pin } : { resolutions: pin };
}

async function makeStarter(major: 3 | 4, repo: string, manager: PackageManager, env: NodeJS.ProcessEnv): Promise<void> {
  const dir = path.join(repo, 'client');
  const files = starterFiles(major);
  if (major === 4) files['package.json'] = `${JSON.stringify({ ...JSON.parse(files['package.json']), ...pinnedUnstorage(manager) }, null, 2)}\n`;
  for (const [file, text] of Object.entries(files)) write(path.join(dir, file), text);
  // The install writes the lockfile and runs the starter's postinstall (`nuxt prepare`).
  await run(managerCommand(manager), ['install'], dir, quiet(env));
}

const nuxt2 = { tool: 'framework', label: `create-nuxt-app ${NUXT_TOOLS.createNuxtApp} (Nuxt 2)`, make: makeNuxt2 } as const;
const nuxt3 = { tool: 'framework', label: `Nuxt ${NUXT_TOOLS.nuxt3} starter`, make: (repo: string, manager: PackageManager, env: NodeJS.ProcessEnv) => makeStarter(3, repo, manager, env) } as const;
const nuxt4 = { tool: 'framework', label: `Nuxt ${NUXT_TOOLS.nuxt4} starter`, make: (repo: string, manager: PackageManager, env: NodeJS.ProcessEnv) => makeStarter(4, repo, manager, env) } as const;

export const NUXT_RECIPES: Recipe[] = [
  { name: 'dj32-package-split-nuxt2-yarn1', django: '3.2.25', settingsPackage: true, backend: { deps: 'split' }, client: nuxt2, packageManager: 'yarn', index: true },
  { name: 'dj42-nuxt3-npm', django: '4.2.20', backend: { deps: 'requirements' }, client: nuxt3, packageManager: 'npm', index: true },
  {
    name: 'dj52-package-uv-nuxt4-pnpm',
    django: '5.2.12',
    settingsPackage: true,
    backend: { deps: 'uv' },
    client: nuxt4,
    packageManager: 'pnpm',
    userStep: { names: 'uv lock', command: 'uv', args: ['lock', '--quiet'] },
    index: true,
  },
];
