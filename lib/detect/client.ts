import path from 'node:path/posix';
import { angularOutput, checkAngularDeployUrl } from './angular.js';
import { checkNuxtIsStatic, nuxtGenerateScript, nuxtOutput } from './nuxt.js';
import { joinRel, type RepoReader } from './fs.js';
import { foldersWith, type RepoScan } from './scan.js';
import { AmbiguousLayoutError, LayoutError, type ClientApp, type ClientTool, type PackageManager } from './types.js';

export interface ClientChoices {
  /** A folder, `.` for the root, or `none` for an API-only deploy. */
  clientDir?: string;
  /** The build output, relative to the client folder. */
  clientDist?: string;
  /** The user's own `heroku-postbuild` command: makes any build tool usable. */
  postbuild?: string;
  /** Folders that are never a client (the backend's). */
  exclude?: string[];
}

interface PackageJson {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  workspaces?: unknown;
}

// The command in a build script that identifies each tool, most specific first.
const TOOL_COMMANDS: ReadonlyArray<[ClientTool, RegExp]> = [
  ['nuxt', /\bnux[ti]\s+(generate|build)\b/],
  ['angular', /\bng\s+build\b/],
  ['vue-cli', /\bvue-cli-service\s+build\b/],
  ['create-react-app', /\b(react-scripts|react-app-rewired|craco)\s+build\b/],
  ['vite', /\bvite(\s+build\b|\s*$|\s*&&)/],
  ['webpack', /\bwebpack\b/],
  ['esbuild', /\besbuild\b/],
];

/** The package.json folders that could be the client: a build script, not the backend's own. */
// Scripts that name the production build, preferred over `build` (which may be a development build).
const PRODUCTION_SCRIPTS = ['build:prod', 'build-prod', 'build:production', 'build-production', 'build'];

/** The name of the script that builds for production, if the package has one. */
export function productionScript(pkg: PackageJson | undefined): string | undefined {
  return PRODUCTION_SCRIPTS.find((name) => typeof pkg?.scripts?.[name] === 'string');
}

export function findClients(repo: RepoReader, scan: RepoScan, exclude: string[] = []): string[] {
  const withBuild = foldersWith(repo, scan, 'package.json').filter((dir) => {
    if (exclude.includes(dir)) return false;
    return productionScript(repo.readJson(joinRel(dir, 'package.json')) as PackageJson | undefined) !== undefined;
  });
  // A workspace root whose build delegates to a member is not a client of its own.
  return withBuild.filter((dir) => {
    if (dir !== '' || withBuild.length === 1) return true;
    const pkg = repo.readJson('package.json') as PackageJson;
    return toolOf(pkg) !== undefined && pkg.workspaces === undefined && !repo.isFile('pnpm-workspace.yaml');
  });
}

export function detectClient(repo: RepoReader, scan: RepoScan, choices: ClientChoices = {}): ClientApp | null {
  if (choices.clientDir === 'none') return null;
  const dir = chooseClientDir(repo, scan, choices);
  const pkg = repo.readJson(joinRel(dir, 'package.json')) as PackageJson | undefined;
  const where = dir || 'the repo root';
  if (!pkg) {
    const broken = repo.unreadableJson.get(joinRel(dir, 'package.json'));
    if (broken) throw new LayoutError(notJson(joinRel(dir, 'package.json'), broken), 'client');
    throw new LayoutError(`--client ${dir || '.'}: there is no readable package.json in ${where}.`, 'client');
  }
  const buildScriptName = nuxtGenerateScript(pkg.scripts ?? {}, productionScript(pkg)) ?? productionScript(pkg) ?? (choices.postbuild !== undefined ? 'heroku-postbuild' : undefined);
  if (buildScriptName === undefined) {
    throw new LayoutError(
      `The client in ${where} has no "build" script in package.json. Add one, or pass --postbuild "<command>" ` +
        '(a build that emits assets under /static/) and --client-dist <folder>.',
      'postbuild',
    );
  }
  const buildScript = buildScriptName === 'heroku-postbuild' ? (choices.postbuild as string) : (pkg.scripts?.[buildScriptName] as string);
  const tool = toolOf(pkg, buildScript) ?? (choices.postbuild !== undefined ? 'other' : undefined);
  if (!tool) {
    throw new LayoutError(
      `The client in ${where} builds with "${buildScript}", which is none of Vite, Create React App, Vue CLI, ` +
        'Angular, Nuxt, webpack or esbuild. Pass --postbuild "<command>" (a build that emits assets under /static/) ' +
        'and --client-dist <folder>.',
      'postbuild',
    );
  }
  if (tool === 'nuxt') checkNuxtIsStatic(dir, buildScript);
  if (tool === 'angular' && choices.postbuild === undefined) checkAngularDeployUrl(repo, dir, packageManagerOf(repo, dir).lockFile, dependencies(pkg));
  const outDir = choices.clientDist ?? outputFolder(repo, dir, tool, pkg, buildScript);
  const dist = joinRel(dir, outDir);
  const backend = (choices.exclude ?? []).find((folder) => folder === dist || folder.startsWith(`${dist}/`));
  if (backend !== undefined) {
    throw new LayoutError(
      `The client's build output ${dist}/ is the Django project's own folder${backend === dist ? '' : ` (it holds ${backend}/)`}: collecting it would publish the backend's code. Pass --client-dist <a folder of its own>.`,
      'client-dist',
    );
  }
  if (dist === '' || dist === '..' || dist.startsWith('../') || path.isAbsolute(outDir)) {
    throw new LayoutError(
      `The client's build output ${outDir} (relative to ${dir || 'the repo root'}/) is ${dist === '' ? 'the repo root itself' : 'outside the repo'}; ` +
        'Django can only collect a folder inside it. Pass --client-dist <folder inside the repo>.',
      'client-dist',
    );
  }
  return {
    dir,
    tool,
    toolVersion: toolVersion(pkg, tool),
    dist,
    ...packageManagerOf(repo, dir),
    lockFiles: LOCK_FILES.filter((name) => repo.isFile(joinRel(dir, name))).map((name) => joinRel(dir, name)),
    buildScriptName,
    buildScript,
    buildsIndex: buildsIndex(repo, dir, tool),
    rootRelativeIndex: /\b(?:src|href)=["']\/(?!static\/|\/)[^"']/.test(repo.read(joinRel(dist, 'index.html')) ?? ''),
    postbuild: pkg.scripts?.['heroku-postbuild'] ?? null,
  };
}

const TOOL_PACKAGES: Partial<Record<ClientTool, string>> = {
  vite: 'vite',
  'create-react-app': 'react-scripts',
  'vue-cli': '@vue/cli-service',
  angular: '@angular/cli',
  nuxt: 'nuxt',
  webpack: 'webpack',
  'svelte-webpack': 'webpack',
  esbuild: 'esbuild',
};

function toolVersion(pkg: PackageJson, tool: ClientTool): string | null {
  const name = TOOL_PACKAGES[tool];
  const range = name ? dependencies(pkg)[name] : undefined;
  return (range && /(\d+(?:\.\d+){0,2})/.exec(range)?.[1]) ?? null;
}

/** Whether the build writes an index.html for the client index view to serve. */
function buildsIndex(repo: RepoReader, dir: string, tool: ClientTool): boolean {
  const config = (names: string[]): string => {
    const file = firstFile(repo, dir, names);
    return file ? (repo.read(joinRel(dir, file)) ?? '') : '';
  };
  switch (tool) {
    case 'vite': {
      // django-vite and other backend integrations build entry scripts from rollupOptions.input with a manifest.
      const text = config(VITE_CONFIGS);
      if (/\binput\s*:/.test(text) && !/index\.html/.test(text)) return false;
      return repo.isFile(joinRel(dir, 'index.html')) || /\broot\s*:/.test(text);
    }
    case 'webpack':
    case 'svelte-webpack':
      return /HtmlWebpackPlugin|html-webpack-plugin|CopyWebpackPlugin|index\.html/.test(config(WEBPACK_CONFIGS));
    case 'esbuild':
    case 'other':
      return true;
    default:
      return true;
  }
}

function chooseClientDir(repo: RepoReader, scan: RepoScan, choices: ClientChoices): string {
  if (choices.clientDir !== undefined) return choices.clientDir === '.' ? '' : choices.clientDir;
  const candidates = findClients(repo, scan, choices.exclude);
  if (candidates.length === 0) {
    const broken = [...repo.unreadableJson].find(([file]) => file === 'package.json' || file.endsWith('/package.json'));
    if (broken) throw new LayoutError(notJson(...broken), 'client');
    throw new LayoutError(
      'No JavaScript client found: no package.json with a "build" script in the repo root or up to 3 folders down. ' +
        'Pass --client <folder>, or --client none to deploy the Django project alone.',
      'client',
    );
  }
  if (candidates.length > 1) throw new AmbiguousLayoutError('JavaScript clients (package.json with a build script)', 'client', candidates);
  return candidates[0];
}

function dependencies(pkg: PackageJson): Record<string, string> {
  return { ...pkg.dependencies, ...pkg.devDependencies };
}

export function toolOf(pkg: PackageJson, script = pkg.scripts?.[productionScript(pkg) ?? 'build'] ?? ''): ClientTool | undefined {
  const deps = dependencies(pkg);
  for (const [tool, command] of TOOL_COMMANDS) {
    if (!command.test(script)) continue;
    if (tool === 'webpack' && deps['svelte-loader']) return 'svelte-webpack';
    return tool;
  }
  // `npm run build` may call a script file; the dependencies then say which tool it drives.
  if (deps.vite) return 'vite';
  if (deps['react-scripts']) return 'create-react-app';
  return undefined;
}

function firstFile(repo: RepoReader, dir: string, names: string[]): string | undefined {
  const files = repo.list(dir)?.files ?? [];
  return names.find((name) => files.includes(name));
}

const QUOTED = `['"\`]([^'"\`]+)['"\`]`;
const VITE_CONFIGS = ['vite.config.ts', 'vite.config.js', 'vite.config.mts', 'vite.config.mjs', 'vite.config.cjs'];
const WEBPACK_CONFIGS = ['webpack.config.js', 'webpack.config.cjs', 'webpack.config.mjs', 'webpack.config.ts', 'webpack.prod.js', 'webpack.config.prod.js'];

/**
 * The folder a config names after `key:`: a string, or `path.resolve(__dirname, 'a', 'b')` /
 * `join(__dirname, '../static')` / `__dirname + '/out'`. null when the key is there but its value is
 * computed some other way; undefined when the key is absent.
 */
export function configFolder(text: string, key: string): string | null | undefined {
  const value = new RegExp(`\\b${key}\\s*:\\s*([^\\n]+)`).exec(text)?.[1];
  if (value === undefined) return undefined;
  const quoted = new RegExp(`^${QUOTED}`).exec(value.trim());
  if (quoted) return path.normalize(quoted[1].replace(/^\.\//, ''));
  const call = /^(?:path\.)?(?:resolve|join)\(\s*__dirname\s*((?:,\s*['"`][^'"`]+['"`]\s*)+)\)/.exec(value.trim());
  if (call) return path.normalize(path.join(...[...call[1].matchAll(/['"`]([^'"`]+)['"`]/g)].map((m) => m[1])).replace(/^\//, ''));
  const concat = new RegExp(`^__dirname\\s*\\+\\s*${QUOTED}`).exec(value.trim());
  if (concat) return path.normalize(concat[1].replace(/^\//, ''));
  return null;
}

/** The build output folder, relative to the client folder, read from the tool's own config. */
function outputFolder(repo: RepoReader, dir: string, tool: ClientTool, pkg: PackageJson, buildScript: string): string {
  const configText = (names: string[]): string => {
    const file = firstFile(repo, dir, names);
    return file ? (repo.read(joinRel(dir, file)) ?? '') : '';
  };
  const flag = (name: string): string | undefined => new RegExp(`--${name}[= ]+['"]?([^\\s'"]+)`).exec(buildScript)?.[1];
  switch (tool) {
    case 'vite': {
      const text = configText(VITE_CONFIGS);
      const root = configFolder(text, 'root');
      const outDir = flag('outDir') ?? readable(configFolder(text, 'outDir'), 'outDir', 'vite.config');
      // Vite resolves outDir from `root` when the config moves it.
      return outDir ?? joinRel(typeof root === 'string' ? root : '', 'dist');
    }
    case 'create-react-app': {
      // react-scripts build reads .env.production before .env (the .local ones are not committed, so not deployed).
      const fromEnv = ['.env.production', '.env'].map((name) => /^BUILD_PATH=['"]?([^\s'"]+)/m.exec(repo.read(joinRel(dir, name)) ?? '')?.[1]).find(Boolean);
      return /\bBUILD_PATH=['"]?([^\s'"]+)/.exec(buildScript)?.[1] ?? fromEnv ?? 'build';
    }
    case 'vue-cli':
      return flag('dest') ?? readable(configFolder(configText(['vue.config.js', 'vue.config.cjs', 'vue.config.mjs', 'vue.config.ts']), 'outputDir'), 'outputDir', 'vue.config') ?? 'dist';
    case 'angular':
      return angularOutput(repo, dir);
    case 'nuxt': {
      const generate = /\bgenerate\s*:\s*\{([^}]*)\}/s.exec(configText(['nuxt.config.js', 'nuxt.config.ts', 'nuxt.config.mjs']))?.[1] ?? '';
      return nuxtOutput(toolVersion(pkg, 'nuxt'), () => readable(configFolder(generate, 'dir'), 'generate.dir', 'nuxt.config'));
    }
    case 'webpack':
    case 'svelte-webpack': {
      const configFile = flag('config') ?? firstFile(repo, dir, WEBPACK_CONFIGS);
      const text = configFile ? (repo.read(joinRel(dir, configFile)) ?? '') : '';
      const output = /output\s*:\s*\{([^}]*)\}/s.exec(text)?.[1] ?? '';
      return flag('output-path') ?? readable(configFolder(output, 'path'), 'output.path', configFile ?? 'webpack.config') ?? 'dist';
    }
    case 'other':
      throw new LayoutError(
        `Could not tell where the client in ${dir || 'the repo root'} writes its build. Pass --client-dist <folder>.`,
        'client-dist',
      );
    case 'esbuild': {
      const outdir = flag('outdir') ?? (flag('outfile') ? path.dirname(flag('outfile') as string) : undefined);
      if (outdir) return path.normalize(outdir);
      throw new LayoutError(
        `Could not tell where the esbuild client in ${dir || 'the repo root'} writes its build ("${buildScript}"). Pass --client-dist <folder>.`,
        'client-dist',
      );
    }
  }
}

/** A config value read as a folder, or a refusal naming the flag when it is computed. */
function readable(folder: string | null | undefined, key: string, file: string): string | undefined {
  if (folder === null) {
    throw new LayoutError(`Could not read the ${key} of ${file} (it is computed). Pass --client-dist <folder> (relative to the client folder).`, 'client-dist');
  }
  return folder;
}

const LOCK_FILES = ['pnpm-lock.yaml', 'yarn.lock', 'package-lock.json', 'npm-shrinkwrap.json'];

/** The package manager, from the lock file next to package.json or at a workspace root above it. */
function packageManagerOf(repo: RepoReader, dir: string): { packageManager: PackageManager; lockFile: string | null } {
  for (const folder of dir === '' ? [''] : [dir, '']) {
    const files = repo.list(folder)?.files ?? [];
    const lock = LOCK_FILES.find((name) => files.includes(name));
    if (!lock) continue;
    const lockFile = joinRel(folder, lock);
    if (lock === 'pnpm-lock.yaml') return { packageManager: 'pnpm', lockFile };
    if (lock === 'yarn.lock') {
      const berry = /^__metadata:/m.test(repo.read(lockFile) ?? '') || files.includes('.yarnrc.yml');
      return { packageManager: berry ? 'yarn-berry' : 'yarn', lockFile };
    }
    return { packageManager: 'npm', lockFile };
  }
  return { packageManager: 'npm', lockFile: null };
}

/** A package.json that is not JSON (comments, trailing commas): npm and Heroku's build cannot read it either. */
function notJson(file: string, reason: string): string {
  return `${file} is not valid JSON (${reason}); npm and Heroku's Node.js buildpack cannot read it either (package.json takes no comments): fix it, or pass --client none to deploy the Django project alone.`;
}
