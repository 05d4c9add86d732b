/** What detection found in an existing repo. Paths are relative to the repo root; '' is the root. */
export interface DetectedLayout {
  backend: DjangoProject;
  /** null: no client (API only, chosen with `--client none`). */
  client: ClientApp | null;
  pythonDeps: PythonDependencies;
  existing: ExistingDeployment;
  /** The Python version for `.python-version`, and where it came from. */
  python: { version: string; source: string };
  /** Things the user should know; none of them stops the retrofit. */
  warnings: string[];
}

export interface DjangoProject {
  /** Folder of manage.py. */
  dir: string;
  /** Dotted module of the user's settings, as imported from `dir` (e.g. `config.settings.base`). */
  settingsModule: string;
  settingsFile: string;
  /** The module manage.py / wsgi.py / the flag named (settingsModule may be its shared base). */
  namedSettings: string;
  /** How the settings module was found. */
  settingsSource: 'manage.py' | 'wsgi.py' | 'search' | 'flag';
  /** `file`: a single settings.py; `package`: a settings/ package. */
  settingsKind: 'file' | 'package';
  /** Dotted package holding wsgi.py (the Procfile runs `<wsgiPackage>.wsgi`). */
  wsgiPackage: string;
  /** The user's root urlconf. */
  urlconf: string;
  /** The settings module this retrofit adds, and its file. */
  herokuSettings: { module: string; file: string };
  /** Dotted package for the added production urls and views modules. */
  deployPackage: { module: string; dir: string };
  /** The Django version the dependency file pins, when it pins one (`3.2`, `5.2`). */
  djangoVersion: string | null;
  /** The static-files storage the user's settings choose (kept in production), if any. */
  staticStorage: string | null;
  /** Environment variables the user's settings read; `required` ones fail at import when unset. */
  settingsEnv: Array<{ name: string; required: boolean }>;
  /** Modules the settings import that are not in the repo (or that git ignores), unguarded by try/except. */
  missingImports: string[];
  /** WhiteNoise is already mentioned in the user's settings. */
  usesWhiteNoise: boolean;
}

export const CLIENT_TOOLS = [
  'vite',
  'create-react-app',
  'vue-cli',
  'angular',
  'nuxt',
  'svelte-webpack',
  'webpack',
  'esbuild',
  /** Any other build, run through the user's own `--postbuild` command. */
  'other',
] as const;
export type ClientTool = (typeof CLIENT_TOOLS)[number];

export const PACKAGE_MANAGERS = ['npm', 'yarn', 'yarn-berry', 'pnpm'] as const;
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

export interface ClientApp {
  dir: string;
  tool: ClientTool;
  /** The lowest version the tool's package range allows (`2.17.3` from `^2.17.3`), when declared. */
  toolVersion: string | null;
  /** Build output folder relative to the repo root (what Django collects). */
  dist: string;
  packageManager: PackageManager;
  /** The lock file that chose the package manager (possibly at a workspace root), if any. */
  lockFile: string | null;
  /** The production build: its script name (`build`, `build-prod`, ...) and its command. */
  buildScriptName: string;
  buildScript: string;
  /** False when the build emits no index.html (Django's templates render the pages, e.g. django-vite). */
  buildsIndex: boolean;
  /** A hand-written index.html in the build folder that loads its files from the site root (`/build/bundle.js`). */
  rootRelativeIndex: boolean;
  /** Every lock file next to package.json: more than one fails the Node.js buildpack. */
  lockFiles: string[];
  /** The existing `heroku-postbuild` script, if any. */
  postbuild: string | null;
}

export const PYTHON_DEPENDENCY_KINDS = ['requirements', 'requirements-folder', 'pipenv', 'poetry', 'uv'] as const;
export type PythonDependencyKind = (typeof PYTHON_DEPENDENCY_KINDS)[number];

export interface PythonDependencies {
  kind: PythonDependencyKind;
  /** The file that declares the dependencies (for a requirements/ folder: the production one). */
  file: string;
  /** The lock file that must be refreshed after an edit (`pipenv lock`, …), if the format has one. */
  lockFile: string | null;
  /** Normalised names of the packages already declared (following `-r` includes). */
  declared: string[];
}

export interface ExistingDeployment {
  procfile: boolean;
  buildpacks: boolean;
  appJson: boolean;
  runtimeTxt: string | null;
  pythonVersionFile: string | null;
  rootRequirements: boolean;
  docker: string[];
  herokuSettings: boolean;
}

/** Something detection needs and could not find: names it and the flag that supplies it. */
export class LayoutError extends Error {
  constructor(
    message: string,
    readonly flag: string,
  ) {
    super(message);
    this.name = 'LayoutError';
  }
}

/** Several candidates fit; the generator asks (or the flag decides). */
export class AmbiguousLayoutError extends LayoutError {
  constructor(
    readonly what: string,
    flag: string,
    readonly candidates: string[],
  ) {
    super(
      `Found ${candidates.length} ${what}: ${candidates.map((c) => c || '.').join(', ')}. Pass --${flag} to choose one.`,
      flag,
    );
    this.name = 'AmbiguousLayoutError';
  }
}
