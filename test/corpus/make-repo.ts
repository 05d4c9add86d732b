import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../support/generators.js';
import { runChecked } from '../support/processes.js';
import { createVenv, pipInstall, POETRY_QUIET, PYTHON_CACHE, PYTHON_TOOLS_BIN, requirePoetry } from '../support/python-env.js';
import { VITE_DJANGO, type Client, type DjangoLine, type PackageManager, type Recipe } from './recipes.js';

/** Tool versions the corpus makes repos with; downloads are cached in .cache/ of this clone. */
export const TOOLS = { vite: '8.3.8', yarn1: '1.22.22', berry: '4.9.2', pnpm: '9.15.9', webpack: '5.101.3', webpackCli: '6.0.1', htmlPlugin: '5.6.3', esbuild: '0.25.9', rollup: '4.50.1' };
export const CORPUS_CACHE = path.join(PYTHON_CACHE, 'corpus');

const run = (command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv) => runChecked(command, args, { cwd, env, timeoutMs: 600_000 });
const write = (file: string, text: string): void => {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};

/** One venv per Django line holding that Django, shared by every repo (and run) that starts a project with it. */
export async function djangoAdmin(version: DjangoLine, env: NodeJS.ProcessEnv): Promise<string> {
  const venv = path.join(CORPUS_CACHE, `django-${version}`);
  const admin = path.join(venv, 'bin', 'django-admin');
  if (!existsSync(admin)) {
    await createVenv(venv, env);
    await pipInstall(venv, [`Django==${version}`], CORPUS_CACHE, env);
  }
  return admin;
}

/** The package manager's command (yarn 1 runs a repo's own Yarn Berry through its yarnPath). */
export function managerCommand(manager: PackageManager): string {
  return manager === 'npm' ? 'npm' : manager === 'pnpm' ? 'pnpm' : 'yarn';
}

/**
 * yarn 1, pnpm and Yarn Berry from the npm registry, installed once into .cache/ and shared by every repo
 * (corepack's own downloads fail signature checks or reach hosts other than the registry). Returns the
 * folder of their commands, for PATH.
 */
export async function packageManagers(env: NodeJS.ProcessEnv): Promise<string> {
  const pnpm = await cachedPackage(`node-tools-${TOOLS.yarn1}-${TOOLS.pnpm}`, [`yarn@${TOOLS.yarn1}`, `pnpm@${TOOLS.pnpm}`], 'node_modules/.bin/pnpm', env);
  // Berry in a folder of its own: its package also links a `yarn` command, which must stay yarn 1.
  await cachedPackage(`yarn-berry-${TOOLS.berry}`, [`@yarnpkg/cli-dist@${TOOLS.berry}`], 'node_modules/@yarnpkg/cli-dist/bin/yarn.js', env);
  return path.dirname(pnpm);
}

/**
 * Packages from the npm registry, installed once into .cache/corpus/<folder>/ and shared by every repo and
 * run (a tool's CLI, say); returns the path of `entry` in that folder, whose presence marks the install done.
 */
export async function cachedPackage(folder: string, packages: string[], entry: string, env: NodeJS.ProcessEnv): Promise<string> {
  const prefix = path.join(CORPUS_CACHE, folder);
  const file = path.join(prefix, entry);
  if (!existsSync(file)) {
    mkdirSync(prefix, { recursive: true });
    await run('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', ...packages], prefix, env);
  }
  return file;
}

/** A Berry repo as `yarn set version` leaves it: the release committed under .yarn/releases, named in .yarnrc.yml. */
function pinBerry(dir: string): void {
  const release = path.join(CORPUS_CACHE, `yarn-berry-${TOOLS.berry}`, 'node_modules', '@yarnpkg', 'cli-dist', 'bin', 'yarn.js');
  const target = path.join(dir, '.yarn', 'releases', `yarn-${TOOLS.berry}.cjs`);
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(release, target);
  write(path.join(dir, '.yarnrc.yml'), `nodeLinker: node-modules
enableTelemetry: false
yarnPath: .yarn/releases/yarn-${TOOLS.berry}.cjs
`);
}

async function makeBackend(recipe: Recipe, repo: string, env: NodeJS.ProcessEnv): Promise<void> {
  const backend = path.join(repo, 'backend');
  mkdirSync(backend, { recursive: true });
  await run(await djangoAdmin(recipe.django, env), ['startproject', 'config', backend], repo, env);
  const settings = path.join(backend, 'config', 'settings.py');
  if (recipe.settingsPackage) {
    // The common split: settings/base.py, a development module on top, manage.py pointing at it.
    mkdirSync(path.join(backend, 'config', 'settings'));
    const text = readFileSync(settings, 'utf8').replace('Path(__file__).resolve().parent.parent', 'Path(__file__).resolve().parent.parent.parent');
    writeFileSync(path.join(backend, 'config', 'settings', 'base.py'), text + (recipe.settingsLines ?? ''));
    write(path.join(backend, 'config', 'settings', '__init__.py'), '');
    write(path.join(backend, 'config', 'settings', 'development.py'), 'from .base import *  # noqa: F401,F403\n\nDEBUG = True\n');
    renameSync(settings, path.join(backend, 'config', 'settings_unused.py.orig'));
    for (const file of ['manage.py', 'config/wsgi.py', 'config/asgi.py']) {
      const full = path.join(backend, file);
      writeFileSync(full, readFileSync(full, 'utf8').replace("'config.settings'", "'config.settings.development'"));
    }
  } else if (recipe.settingsLines) {
    writeFileSync(settings, readFileSync(settings, 'utf8') + recipe.settingsLines);
  }
  const django = `Django==${recipe.django}`;
  const tools = { ...env, PATH: `${PYTHON_TOOLS_BIN}:${env.PATH ?? ''}`, UV_CACHE_DIR: path.join(PYTHON_CACHE, 'uv'), PIPENV_CACHE_DIR: path.join(PYTHON_CACHE, 'pipenv'), PIP_CACHE_DIR: path.join(PYTHON_CACHE, 'pip') };
  switch (recipe.backend.deps) {
    case 'requirements':
      write(path.join(backend, 'requirements.txt'), `${django}\n`);
      break;
    case 'split':
      write(path.join(backend, 'requirements', 'base.txt'), `${django}\n`);
      write(path.join(backend, 'requirements', 'production.txt'), '-r base.txt\n');
      write(path.join(backend, 'requirements.txt'), '-r requirements/production.txt\n');
      break;
    case 'hashed':
      write(path.join(backend, 'requirements.in'), `${django}\n`);
      await run('uv', ['pip', 'compile', '--quiet', '--generate-hashes', 'requirements.in', '-o', 'requirements.txt'], backend, tools);
      break;
    case 'pipenv':
      write(path.join(backend, 'Pipfile'), `[[source]]\nurl = "https://pypi.org/simple"\nverify_ssl = true\nname = "pypi"\n\n[packages]\ndjango = "==${recipe.django}"\n\n[requires]\npython_version = "3.11"\n`);
      await run('pipenv', ['lock'], backend, { ...tools, PIPENV_VERBOSITY: '-1', PIPENV_NOSPIN: '1', PIPENV_IGNORE_VIRTUALENVS: '1' });
      break;
    case 'uv':
      await run('uv', ['init', '--quiet', '--app', '--no-readme', '--no-workspace', '--vcs', 'none', '--python', '3.11', '--name', 'site-backend'], backend, tools);
      await run('uv', ['add', '--quiet', '--no-sync', django], backend, tools);
      break;
    case 'poetry':
      // Poetry 2 writes a [project] table; `add --lock` resolves and locks without installing.
      await run(requirePoetry(), ['init', '--no-interaction', '--name', 'site-backend'], backend, { ...tools, ...POETRY_QUIET });
      await run(requirePoetry(), ['add', '--lock', django], backend, { ...tools, ...POETRY_QUIET });
      // poetry-plugin-export writes every pin with its hashes by default.
      if (recipe.backend.exported) await run(requirePoetry(), ['export', '--output', 'requirements.txt'], backend, { ...tools, ...POETRY_QUIET });
      break;
  }
}

async function makeClient(client: Client, manager: PackageManager, repo: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (client.tool === 'framework') return client.make(repo, manager, env);
  const dir = path.join(repo, 'client');
  const devDeps: string[] = [];
  let scripts: Record<string, string> = {};
  if (client.tool === 'vite' || client.tool === 'django-vite') {
    const template = client.tool === 'vite' ? client.template : 'vanilla';
    await run(process.execPath, [path.join(REPO_ROOT, 'node_modules/create-vite/index.js'), 'client', '--template', template, '--no-interactive', '--no-immediate'], repo, env);
    if (client.tool === 'vite' && client.config) write(path.join(dir, 'vite.config.js'), client.config);
    if (client.tool === 'django-vite') write(path.join(dir, 'vite.config.js'), VITE_DJANGO);
  } else {
    write(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'client', private: true, version: '0.0.0' }, null, 2)}\n`);
    write(path.join(dir, 'src', 'main.js'), "document.querySelector('#app').textContent = 'corpus client';\n");
    if (client.tool === 'webpack') {
      devDeps.push(`webpack@${TOOLS.webpack}`, `webpack-cli@${TOOLS.webpackCli}`, `html-webpack-plugin@${TOOLS.htmlPlugin}`);
      write(path.join(dir, 'webpack.config.js'), "const path = require('path');\nconst HtmlWebpackPlugin = require('html-webpack-plugin');\n\nmodule.exports = {\n  entry: './src/main.js',\n  output: {\n    path: path.resolve(__dirname, 'bundle'),\n    filename: '[name].[contenthash].js',\n    clean: true,\n  },\n  plugins: [new HtmlWebpackPlugin({ templateContent: '<div id=\"app\"></div>' })],\n};\n");
      scripts = client.script === 'build' ? { build: 'webpack --mode production' } : { build: 'webpack --mode development', 'build-prod': 'webpack --mode production' };
    } else if (client.tool === 'esbuild') {
      devDeps.push(`esbuild@${TOOLS.esbuild}`);
      scripts = { build: 'esbuild src/main.js --bundle --minify --outdir=dist --entry-names=[name]-[hash]' };
    } else {
      devDeps.push(`rollup@${TOOLS.rollup}`);
      write(path.join(dir, 'rollup.config.mjs'), "export default {\n  input: 'src/main.js',\n  output: { file: 'public/build/bundle.js', format: 'iife' },\n};\n");
      write(path.join(dir, 'public', 'index.html'), "<!doctype html>\n<html>\n<head><link rel='stylesheet' href='/global.css'></head>\n<body><div id=\"app\"></div><script defer src='/build/bundle.js'></script></body>\n</html>\n");
      write(path.join(dir, 'public', 'global.css'), 'body { margin: 0; }\n');
      scripts = { build: 'rollup -c' };
    }
  }
  const pkgFile = path.join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(pkgFile, 'utf8')) as Record<string, unknown>;
  pkg.scripts = { ...(pkg.scripts as object), ...scripts };
  // Vite 8.4's optional napi-windows-process-start-time is missing from the registry, so its lock fails `npm ci`.
  const dev = pkg.devDependencies as Record<string, string> | undefined;
  if (dev?.vite) dev.vite = TOOLS.vite;
  writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  if (manager === 'yarn-berry') pinBerry(dir);
  const command = managerCommand(manager);
  // This install makes the repo's lockfile; Yarn Berry forbids that when CI is set (immutable installs).
  const making = manager === 'yarn-berry' ? { ...env, YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' } : env;
  if (devDeps.length > 0) await run(command, manager === 'npm' ? ['install', '--save-dev', '--save-exact', ...devDeps] : ['add', '-D', '-E', ...devDeps], dir, making);
  else await run(command, ['install'], dir, making);
}

/** A Django project from `django-admin startproject` and a client from its tool, in one git repo, committed. */
export async function makeRepo(recipe: Recipe, repo: string, env: NodeJS.ProcessEnv): Promise<void> {
  mkdirSync(repo, { recursive: true });
  await makeBackend(recipe, repo, env);
  await packageManagers(env);
  await makeClient(recipe.client, recipe.packageManager, repo, env);
  for (const [file, text] of Object.entries(recipe.extraFiles ?? {})) write(path.join(repo, file), text);
  if (!recipe.extraFiles?.['.gitignore']) write(path.join(repo, '.gitignore'), 'node_modules/\n__pycache__/\n*.sqlite3\n.venv/\n');
}
