import { fileIgnoredBy } from './gitignore.js';
import { joinRel, parentOf, type RepoReader } from './fs.js';
import { foldersWith, type RepoScan } from './scan.js';
import { AmbiguousLayoutError, LayoutError, type DjangoProject } from './types.js';

export interface BackendChoices {
  backendDir?: string;
  settings?: string;
  urlconf?: string;
  /** The module the production settings are written to (default `<pkg>.settings.heroku` or `<pkg>.heroku_settings`). */
  herokuSettings?: string;
}

const SETTINGS_DEFAULT = /DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([A-Za-z_][\w.]*)['"]/;
const DOTTED = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;
// Shared settings that environment-specific modules build on, in the names projects use.
const BASE_SETTINGS = ['base', 'common', 'settings', 'defaults'];

/** Folders holding a Django manage.py, shallowest first. */
export function findManagePy(repo: RepoReader, scan: RepoScan): string[] {
  return foldersWith(repo, scan, 'manage.py').filter((dir) => /django/i.test(repo.read(joinRel(dir, 'manage.py')) ?? ''));
}

export function detectBackend(repo: RepoReader, scan: RepoScan, choices: BackendChoices = {}): DjangoProject {
  const dir = chooseBackendDir(repo, scan, choices.backendDir);
  const found = findSettings(repo, dir, choices.settings);
  const file = settingsFile(repo, dir, found.module);
  if (!file) {
    throw new LayoutError(
      `The settings module ${found.module} (from ${found.source}) has no file in ${dir || 'the repo root'}/. ` +
        'Pass --settings <dotted.module> to name the settings to deploy.',
      'settings',
    );
  }
  const kind: DjangoProject['settingsKind'] = file.endsWith('/__init__.py') || isInSettingsPackage(found.module, file) ? 'package' : 'file';
  const parts = found.module.split('.');
  // The project package: the one holding the settings module (or the settings package).
  const packageParts = kind === 'package' && !file.endsWith('/__init__.py') ? parts.slice(0, -2) : parts.slice(0, -1);
  if (packageParts.length === 0) {
    throw new LayoutError(
      `The settings module ${found.module} sits beside manage.py rather than in a project package; ` +
        'this layout is not supported (no --settings value gets past it). Move it into a package (e.g. config/settings.py) and run again.',
      '',
    );
  }
  const projectPackage = packageParts.join('.');
  const projectDir = joinRel(dir, ...packageParts);
  const userSettings = kind === 'package' ? importableSettings(repo, dir, found.module, file) : { module: found.module, file };
  const settingsPackage = kind === 'package' ? `${projectPackage}.settings` : null;
  const herokuModule = choices.herokuSettings ?? (settingsPackage ? `${settingsPackage}.heroku` : `${projectPackage}.heroku_settings`);
  if (herokuModule === userSettings.module || herokuModule === found.module) {
    throw new LayoutError(`--heroku-settings ${herokuModule} is your own settings module; name a new one.`, 'heroku-settings');
  }
  const settingsText = settingsSources(repo, found.module, file);
  return {
    dir,
    settingsModule: userSettings.module,
    settingsFile: userSettings.file,
    namedSettings: found.module,
    settingsSource: found.source,
    settingsKind: kind,
    wsgiPackage: findWsgiPackage(repo, dir, projectPackage),
    urlconf: findUrlconf(repo, dir, projectPackage, settingsText, choices.urlconf),
    herokuSettings: { module: herokuModule, file: moduleFile(dir, herokuModule) },
    deployPackage: { module: projectPackage, dir: projectDir },
    djangoVersion: null,
    staticStorage:
      /^STATICFILES_STORAGE\s*=\s*['"]([\w.]+)['"]/m.exec(settingsText)?.[1] ??
      /['"]staticfiles['"]\s*:\s*\{\s*['"]BACKEND['"]\s*:\s*['"]([\w.]+)['"]/.exec(settingsText)?.[1] ??
      null,
    settingsEnv: settingsEnvironment(settingsText),
    missingImports: missingImports(repo, dir, settingsFiles(repo, found.module, file)),
    usesWhiteNoise: /whitenoise/i.test(settingsText),
  };
}

function chooseBackendDir(repo: RepoReader, scan: RepoScan, chosen: string | undefined): string {
  if (chosen !== undefined) {
    const dir = chosen === '.' ? '' : chosen;
    if (!repo.isFile(joinRel(dir, 'manage.py'))) {
      throw new LayoutError(`--backend ${chosen}: there is no manage.py in that folder.`, 'backend');
    }
    return dir;
  }
  const candidates = findManagePy(repo, scan);
  if (candidates.length === 0) {
    throw new LayoutError(
      'No Django project found: no manage.py in the repo root or up to 3 folders down ' +
        '(node_modules, virtualenvs, build output and git-ignored folders are not searched). ' +
        'Pass --backend <folder of manage.py>.',
      'backend',
    );
  }
  if (candidates.length > 1) throw new AmbiguousLayoutError('Django projects (manage.py)', 'backend', candidates);
  return candidates[0];
}

function findSettings(
  repo: RepoReader,
  dir: string,
  chosen: string | undefined,
): { module: string; source: DjangoProject['settingsSource'] } {
  if (chosen !== undefined) {
    if (!DOTTED.test(chosen)) throw new LayoutError(`--settings ${chosen}: must be a dotted Python module like config.settings.`, 'settings');
    return { module: chosen, source: 'flag' };
  }
  const fromManage = SETTINGS_DEFAULT.exec(repo.read(joinRel(dir, 'manage.py')) ?? '')?.[1];
  if (fromManage) return { module: fromManage, source: 'manage.py' };
  for (const pkg of projectPackages(repo, dir)) {
    for (const entry of ['wsgi.py', 'asgi.py']) {
      const fromWsgi = SETTINGS_DEFAULT.exec(repo.read(joinRel(dir, pkg, entry)) ?? '')?.[1];
      if (fromWsgi) return { module: fromWsgi, source: 'wsgi.py' };
    }
  }
  const searched = projectPackages(repo, dir).filter(
    (pkg) => repo.isFile(joinRel(dir, pkg, 'settings.py')) || repo.isFile(joinRel(dir, pkg, 'settings', '__init__.py')),
  );
  if (searched.length === 1) return { module: `${searched[0]}.settings`, source: 'search' };
  throw new LayoutError(
    `Could not tell which settings module the Django project in ${dir || 'the repo root'}/ uses: manage.py and wsgi.py ` +
      `set no DJANGO_SETTINGS_MODULE default, and ${searched.length === 0 ? 'no' : 'more than one'} package holds a settings module. ` +
      'Pass --settings <dotted.module>.',
    'settings',
  );
}

/** Python packages directly in the backend folder. A folder named `django` is never the project. */
function projectPackages(repo: RepoReader, dir: string): string[] {
  return (repo.list(dir)?.dirs ?? []).filter(
    (name) => name !== 'django' && /^[A-Za-z_]\w*$/.test(name) && repo.isFile(joinRel(dir, name, '__init__.py')),
  );
}

function moduleFile(dir: string, module: string): string {
  return joinRel(dir, ...module.split('.')) + '.py';
}

function settingsFile(repo: RepoReader, dir: string, module: string): string | undefined {
  const asFile = moduleFile(dir, module);
  if (repo.isFile(asFile)) return asFile;
  const asPackage = joinRel(dir, ...module.split('.'), '__init__.py');
  return repo.isFile(asPackage) ? asPackage : undefined;
}

/** `config.settings.local` in `config/settings/local.py`: one module of a settings package. */
function isInSettingsPackage(module: string, file: string): boolean {
  const parts = module.split('.');
  return parts.length >= 3 && parts[parts.length - 2] === 'settings' && file.endsWith(`settings/${parts[parts.length - 1]}.py`);
}

/**
 * The module of a settings package to build production on: its shared base when there is one
 * (the default may be a development module), the package itself when its __init__ holds the settings,
 * and `settings/settings.py` when the __init__ is empty.
 */
function importableSettings(repo: RepoReader, dir: string, module: string, file: string): { module: string; file: string } {
  const packageModule = file.endsWith('/__init__.py') ? module : module.split('.').slice(0, -1).join('.');
  const packageDir = joinRel(dir, ...packageModule.split('.'));
  const files = repo.list(packageDir)?.files ?? [];
  const init = repo.read(joinRel(packageDir, '__init__.py')) ?? '';
  const initHasSettings = /^[A-Z][A-Z0-9_]*\s*=|^from\s|^import\s/m.test(init);
  if (file.endsWith('/__init__.py') && initHasSettings) return { module, file };
  for (const name of BASE_SETTINGS) {
    if (files.includes(`${name}.py`)) return { module: `${packageModule}.${name}`, file: joinRel(packageDir, `${name}.py`) };
  }
  if (!file.endsWith('/__init__.py')) return { module, file };
  throw new LayoutError(
    `The settings package ${packageModule} has an empty __init__.py and no base.py or settings.py. ` +
      'Pass --settings <dotted.module> naming the module that holds the settings.',
    'settings',
  );
}

/** The text of every module of the settings (all of a settings package), to look for names in. */
function settingsSources(repo: RepoReader, module: string, file: string): string {
  return settingsFiles(repo, module, file)
    .map((path) => repo.read(path) ?? '')
    .join('\n');
}

function findWsgiPackage(repo: RepoReader, dir: string, projectPackage: string): string {
  if (repo.isFile(moduleFile(dir, `${projectPackage}.wsgi`))) return projectPackage;
  const others = projectPackages(repo, dir).filter((pkg) => repo.isFile(joinRel(dir, pkg, 'wsgi.py')));
  if (others.length === 1) return others[0];
  throw new LayoutError(
    `No wsgi.py found next to the settings in ${joinRel(dir, ...projectPackage.split('.')) || '.'}/: gunicorn needs the ` +
      "project's WSGI module. Add one (django-admin startproject writes it) and run again.",
    '',
  );
}

function findUrlconf(
  repo: RepoReader,
  dir: string,
  projectPackage: string,
  settingsText: string,
  chosen: string | undefined,
): string {
  if (chosen !== undefined) return chosen;
  const declared = /^ROOT_URLCONF\s*=\s*['"]([\w.]+)['"]/m.exec(settingsText)?.[1];
  if (declared) return declared;
  if (repo.isFile(moduleFile(dir, `${projectPackage}.urls`))) return `${projectPackage}.urls`;
  throw new LayoutError(
    "Could not find the project's ROOT_URLCONF in its settings. Pass --urlconf <dotted.module>.",
    'urlconf',
  );
}

// os.environ["X"], os.environ.get("X"), os.getenv("X"), django-environ's env("X") / env.str("X"), decouple's config("X").
const ENV_READS: ReadonlyArray<[RegExp, (args: string) => boolean]> = [
  [/os\.environ\[\s*['"](\w+)['"]\s*\]/g, () => true],
  [/os\.environ\.get\(\s*['"](\w+)['"]([^)]*)\)/g, () => false],
  [/os\.getenv\(\s*['"](\w+)['"]([^)]*)\)/g, () => false],
  [/\benv(?:\.\w+)?\(\s*['"](\w+)['"]([^)]*)\)/g, (args) => !/,/.test(args)],
  [/\bconfig\(\s*['"](\w+)['"]([^)]*)\)/g, (args) => !/\bdefault\s*=/.test(args)],
];

/** The variables the settings read, each once; required when any read has no default. */
export function settingsEnvironment(text: string): Array<{ name: string; required: boolean }> {
  const found = new Map<string, boolean>();
  for (const [pattern, required] of ENV_READS) {
    for (const match of text.matchAll(pattern)) found.set(match[1], (found.get(match[1]) ?? false) || required(match[2] ?? ''));
  }
  return [...found].map(([name, required]) => ({ name, required })).sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Modules the settings import (`from .local import *`, `from config.settings.secrets import X`) outside a
 * try: block that the deploy will not have: no file in the repo, or a file git ignores.
 */
export function missingImports(repo: RepoReader, dir: string, files: string[]): string[] {
  const missing: string[] = [];
  const gitignore = (folder: string): string | undefined => repo.read(joinRel(folder, '.gitignore'));
  for (const file of files) {
    const lines = (repo.read(file) ?? '').split(/\r?\n/);
    lines.forEach((line, i) => {
      const module = /^from\s+([\w.]+)\s+import\b/.exec(line)?.[1];
      if (!module || /^\s*try\s*:/.test(lines[i - 1] ?? '')) return;
      let base: string[];
      let names: string[];
      if (module.startsWith('.')) {
        const dots = /^\.+/.exec(module)![0].length;
        base = parentOf(file).split('/').filter(Boolean);
        base = base.slice(0, base.length - (dots - 1));
        names = module.slice(dots).split('.').filter(Boolean);
      } else {
        // Only the project's own packages: anything else is an installed package.
        if (!repo.isFile(joinRel(dir, module.split('.')[0], '__init__.py'))) return;
        base = dir.split('/').filter(Boolean);
        names = module.split('.');
      }
      const target = joinRel(...base, ...names);
      const found = [`${target}.py`, joinRel(target, '__init__.py')].find((candidate) => repo.isFile(candidate));
      if (names.length === 0 || (found && !fileIgnoredBy(found, gitignore))) return;
      missing.push(`${module} (imported by ${file}${found ? ', ignored by git' : ''})`);
    });
  }
  return [...new Set(missing)];
}

/** Every module of the user's settings: the file, or all of a settings package (not ours). */
function settingsFiles(repo: RepoReader, module: string, file: string): string[] {
  if (!file.endsWith('/__init__.py') && !isInSettingsPackage(module, file)) return [file];
  const packageDir = parentOf(file);
  return (repo.list(packageDir)?.files ?? [])
    .filter((name) => name.endsWith('.py'))
    .map((name) => joinRel(packageDir, name))
    .filter((path) => !(repo.read(path) ?? '').includes('generator-django-monorepo'));
}
