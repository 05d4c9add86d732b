import type { ClientApp, ClientTool } from '../detect/types.js';
import { LayoutError } from '../detect/types.js';
import { versionsInLock } from '../detect/locked-version.js';
import { parseJsonFile } from '../json.js';

export const STATIC_BASE = '/static/';

/** How each tool is told that its assets are served from /static/: a flag, or an environment variable. */
const BASE_PATH: Record<Exclude<ClientTool, 'other'>, { args?: string; env?: string; command: RegExp }> = {
  vite: { args: `--base=${STATIC_BASE}`, command: /\bvite(\s+build)?\b/ },
  angular: { args: `--deploy-url=${STATIC_BASE}`, command: /\bng\s+build\b/ },
  webpack: { args: `--output-public-path=${STATIC_BASE}`, command: /\bwebpack\b/ },
  'svelte-webpack': { args: `--output-public-path=${STATIC_BASE}`, command: /\bwebpack\b/ },
  esbuild: { args: `--public-path=${STATIC_BASE}`, command: /\besbuild\b/ },
  'create-react-app': { env: `PUBLIC_URL=${STATIC_BASE}`, command: /./ },
  // Nuxt 3 reads app.cdnURL from the environment; Nuxt 2 only build.publicPath (see nuxtArgs).
  nuxt: { env: `NUXT_APP_CDN_URL=${STATIC_BASE}`, command: /./ },
  // Vue CLI takes publicPath from its config only: the build is pointed at a wrapper config.
  'vue-cli': { env: 'VUE_CLI_SERVICE_CONFIG_PATH="$PWD/vue.config.heroku.cjs"', command: /./ },
};

export const TOOL_NAMES: Record<ClientTool, string> = {
  vite: 'Vite',
  'create-react-app': 'Create React App',
  'vue-cli': 'Vue CLI',
  angular: 'Angular',
  nuxt: 'Nuxt',
  'svelte-webpack': 'Svelte (webpack)',
  webpack: 'webpack',
  esbuild: 'esbuild',
  other: 'the build',
};

/** Hashes each tool puts in file names (besides Django's own manifest hashes). */
export const HASHED_NAMES: Record<ClientTool, string> = {
  vite: String.raw`-[A-Za-z0-9_-]{8}\.\w+$`,
  // react-scripts 5 names imported media with webpack's full-length hash (20 or 32 hex), 4 and older with 8.
  'create-react-app': String.raw`\.[0-9a-f]{8}(\.chunk)?\.\w+$|/media/[^/]+\.[0-9a-f]{8,32}\.\w+$`,
  'vue-cli': String.raw`\.[0-9a-f]{8}\.\w+$`,
  angular: String.raw`[-.]([A-Z0-9]{8}|[0-9a-f]{16,20})\.\w+$`,
  // Nuxt 3 and 4: Vite's 8-character hashes (entry.CvEYlFcU.css); Nuxt 2: webpack's [contenthash:7].
  nuxt: String.raw`/_nuxt/(.*[A-Za-z0-9_-]{8}|(.*[/.])?[0-9a-f]{7})\.\w+$`,
  'svelte-webpack': String.raw`[-.][0-9a-f]{8,32}\.\w+$`,
  webpack: String.raw`[-.][0-9a-f]{8,32}\.\w+$`,
  esbuild: String.raw`-[A-Z0-9]{8}\.\w+$`,
  other: String.raw`[-.][0-9a-f]{8,32}\.\w+$`,
};

export function runScript(client: Pick<ClientApp, 'packageManager'>, script: string): string {
  return client.packageManager === 'npm' ? `npm run ${script}` : `${client.packageManager === 'pnpm' ? 'pnpm' : 'yarn'} run ${script}`;
}

/**
 * The `heroku-postbuild` command: the user's own build, told to emit asset URLs under /static/.
 * Arguments go after the build script when the tool runs last in it; otherwise the script is
 * repeated with the argument placed after the tool's command.
 */
export function postbuildCommand(client: ClientApp, given?: string): string {
  if (given !== undefined) return given;
  if (client.tool === 'nuxt' && client.toolVersion?.split('.')[0] === '2') return nuxt2Command(client);
  if (client.tool === 'other') throw new LayoutError('Pass --postbuild "<command>" for this client.', 'postbuild');
  const how = BASE_PATH[client.tool];
  const script = client.buildScriptName;
  if (how.env) return `${how.env} ${runScript(client, script)}`;
  const segments = client.buildScript.split(/&&|\|\||;/);
  if (how.command.test(segments[segments.length - 1])) {
    return client.packageManager === 'npm' ? `npm run ${script} -- ${how.args}` : `${runScript(client, script)} ${how.args}`;
  }
  const match = how.command.exec(client.buildScript);
  if (!match) {
    throw new LayoutError(
      `The build script of ${client.dir || 'the root'} ("${client.buildScript}") does not run ${TOOL_NAMES[client.tool]} itself, ` +
        `so ${how.args} cannot be passed to it. Pass --postbuild "<command>".`,
      'postbuild',
    );
  }
  const at = match.index + match[0].length;
  return `${client.buildScript.slice(0, at)} ${how.args}${client.buildScript.slice(at)}`;
}

/** Nuxt 2 never reads NUXT_APP_CDN_URL: its build is pointed at a wrapper config setting build.publicPath. */
function nuxt2Command(client: ClientApp): string {
  const match = /\bnuxt\s+generate\b/.exec(client.buildScript);
  if (!match) {
    throw new LayoutError(`The Nuxt 2 build script of ${client.dir || 'the root'} ("${client.buildScript}") does not run "nuxt generate". Pass --postbuild "<command>".`, 'postbuild');
  }
  const at = match.index + match[0].length;
  return `${client.buildScript.slice(0, at)} --config-file nuxt.config.heroku.js${client.buildScript.slice(at)}`;
}

/**
 * Adds `"heroku-postbuild": command` as a new line at the top of package.json's scripts. Returns
 * undefined when the script exists already, or a reason when scripts is not laid out one per line.
 */
export function addPostbuildScript(text: string, command: string): { text: string } | { manual: string } | undefined {
  const pkg = parseJsonFile(text) as { scripts?: Record<string, string> };
  if (pkg.scripts?.['heroku-postbuild'] !== undefined) return undefined;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const open = lines.findIndex((line) => /^\s*"scripts"\s*:\s*\{\s*$/.test(line));
  const next = lines[open + 1];
  if (open < 0 || next === undefined || /^\s*\}/.test(next)) return { manual: 'its "scripts" are not written one per line' };
  const indent = /^\s*/.exec(next)?.[0] ?? '  ';
  lines.splice(open + 1, 0, `${indent}"heroku-postbuild": ${JSON.stringify(command)},`);
  const edited = lines.join(eol);
  // The insert is only kept when the result is the same JSON plus our one script.
  const parsed = parseJsonFile(edited) as { scripts?: Record<string, string> };
  if (parsed.scripts?.['heroku-postbuild'] !== command) return { manual: 'the edit could not be verified' };
  return { text: edited };
}

/**
 * webpack 4 before 4.47 hashes with OpenSSL's md4, which Node 17+ refuses (ERR_OSSL_EVP_UNSUPPORTED), and
 * Heroku installs Node 24 by default. react-scripts 4 pins one (4.0.3: webpack 4.44.2); Vue CLI 3 and 4
 * take whatever webpack 4 the lockfile holds. The plan says so rather than loosening OpenSSL behind the
 * user's back (and --openssl-legacy-provider would stop Node 16 from starting).
 */
export function webpack4Step(client: Pick<ClientApp, 'tool' | 'toolVersion' | 'dir' | 'lockFile'>, lockText: string | undefined): string | undefined {
  if (client.tool === 'nuxt') return nuxt2Md4Step(client, lockText);
  if (client.tool !== 'create-react-app' && client.tool !== 'vue-cli') return undefined;
  const major = Number(client.toolVersion?.split('.')[0]);
  if (!Number.isInteger(major) || major >= 5) return undefined;
  const locked = client.lockFile && lockText ? versionsInLock(client.lockFile, lockText, 'webpack').map((version) => version.split('.').map(Number)) : [];
  if (locked.length > 0 && locked.every(([maj, minor]) => maj > 4 || (maj === 4 && minor >= 47))) return undefined;
  const tool = client.tool === 'create-react-app' ? `react-scripts ${major}` : `Vue CLI ${major}`;
  const upgrade = client.tool === 'create-react-app' ? 'upgrade to react-scripts 5' : 'update webpack to 4.47 or later in your lockfile';
  return (
    `${tool} in ${client.dir || '.'}/ builds with a webpack 4 older than 4.47, which fails on Node 17 and later (ERR_OSSL_EVP_UNSUPPORTED; ` +
    `Heroku installs Node 24 unless engines.node says otherwise): ${upgrade}, or run the build with NODE_OPTIONS=--openssl-legacy-provider (Node 17 and later only).`
  );
}

const atLeast = (version: string, floor: number[]): boolean => {
  const parts = version.split('.').map(Number);
  const at = parts.findIndex((part, i) => part !== (floor[i] ?? 0));
  return at < 0 || parts[at] > (floor[at] ?? 0);
};

/**
 * Nuxt 2.16.2 and later swap webpack 4's md4 for md5 themselves on Node 17+ (@nuxt/config's patchMD4
 * build module), so any webpack 4 builds; older Nuxt 2 fails like CRA 4 when the lock holds a webpack
 * before 4.47. A fresh install of a ^2 range gets a patched Nuxt: only a lockfile can hold the old pair.
 */
function nuxt2Md4Step(client: Pick<ClientApp, 'toolVersion' | 'dir' | 'lockFile'>, lockText: string | undefined): string | undefined {
  if (client.toolVersion?.split('.')[0] !== '2' || !client.lockFile || lockText === undefined) return undefined;
  const config = versionsInLock(client.lockFile, lockText, '@nuxt/config');
  const webpack = versionsInLock(client.lockFile, lockText, 'webpack');
  if (config.length === 0 || config.every((v) => atLeast(v, [2, 16, 2])) || webpack.every((v) => atLeast(v, [4, 47]))) return undefined;
  return (
    `Nuxt ${config.find((v) => !atLeast(v, [2, 16, 2]))} in ${client.dir || '.'}/ builds with a webpack 4 older than 4.47, which fails on Node 17 and later ` +
    '(ERR_OSSL_EVP_UNSUPPORTED; Heroku installs Node 24 unless engines.node says otherwise): update nuxt to 2.16.2 or later (it patches md4 itself) ' +
    'or webpack to 4.47 or later in your lockfile, or run the build with NODE_OPTIONS=--openssl-legacy-provider (Node 17 and later only).'
  );
}
