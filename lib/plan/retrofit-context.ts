import path from 'node:path/posix';
import type { TemplateContext } from '../context.js';
import type { DetectedLayout } from '../detect/types.js';
import { herokuAppNameFrom, npmPackageName } from '../names.js';
import { OFFICIAL_BUILDPACKS } from '../heroku-build/official.js';
import type { DeployLayout } from '../options.js';
import { BUILDPACKS, DEFAULT_NODE, HEROKU_STACK, POSTGRES_PLAN, PYTHON_PACKAGES, PYTHON_TOOLS } from '../versions.js';
import { HASHED_NAMES, runScript, TOOL_NAMES } from './retrofit-client.js';

/** What the retrofit templates need beyond the shared context. */
export interface RetrofitFields {
  /** The user's settings module the Heroku settings import. */
  userSettings: string;
  urlconf: string;
  herokuUrls: string;
  herokuViewsName: string;
  /** `Path(__file__).parents[n]` of the Heroku settings that is the backend folder. */
  settingsDepth: number;
  /** Folders from the backend folder up to the repo root. */
  backendDepth: number;
  clientToolName: string;
  /** Hashes the client's tool puts in file names (a regex); empty without a client. */
  clientHashPattern: string;
  clientBuildCommand: string;
  /** False when the client's build has no index.html: the user's own views serve every page. */
  clientIndex: boolean;
  /** The index.html names its files from the site root; the index view points them at /static/. */
  rootRelativeIndex: boolean;
  /** Vue CLI before 3.3 calls publicPath `baseUrl` and rejects the new name. */
  vuePublicPathKey: 'publicPath' | 'baseUrl';
  /** For a bridging requirements.txt: the file it includes, and the lines it adds. */
  includeRequirements: string;
  addedRequirements: string[];
  dependencyFile: string;
}

export interface RetrofitContext extends TemplateContext {
  retrofit: RetrofitFields;
}

/**
 * The shared TemplateContext filled from a detected layout, so the deploy templates render the
 * user's folders and modules. A root backend is `.` (the Procfile needs a real path).
 */
export function retrofitContext(layout: DetectedLayout, projectName: string, deployLayout: DeployLayout = 'subdir'): RetrofitContext {
  const { backend, client } = layout;
  const backendDir = backend.dir || '.';
  const depth = backend.dir === '' ? 0 : backend.dir.split('/').length;
  const pkg = backend.deployPackage.module;
  return {
    projectName,
    module: backend.wsgiPackage,
    backendDir,
    clientDir: client ? client.dir : null,
    clientPackageName: null,
    // Retrofits keep the user's client: only hasClient is meaningful here.
    framework: client ? 'vanilla-ts' : 'none',
    hasClient: client !== null,
    herokuApp: herokuAppNameFrom(projectName),
    pythonVersion: layout.python.version,
    nodeVersion: DEFAULT_NODE,
    pythonDeps: layout.pythonDeps.kind === 'pipenv' ? 'pipenv' : 'pip',
    layout: deployLayout,
    rootPackageName: npmPackageName(projectName),
    settings: { base: backend.settingsModule, development: backend.settingsModule, heroku: backend.herokuSettings.module },
    backendToRoot: depth === 0 ? '.' : Array(depth).fill('..').join('/'),
    clientDist: client ? client.dist : null,
    python: PYTHON_PACKAGES,
    pythonTools: PYTHON_TOOLS,
    client: null,
    buildpacks: BUILDPACKS,
    officialBuildpacks: OFFICIAL_BUILDPACKS,
    herokuStack: HEROKU_STACK,
    postgresPlan: POSTGRES_PLAN,
    retrofit: {
      userSettings: backend.settingsModule,
      urlconf: backend.urlconf,
      herokuUrls: `${pkg}.heroku_urls`,
      herokuViewsName: 'heroku_views',
      settingsDepth: backend.herokuSettings.module.split('.').length - 1,
      backendDepth: depth,
      clientToolName: client ? TOOL_NAMES[client.tool] : 'the client',
      clientHashPattern: client ? HASHED_NAMES[client.tool] : '',
      clientBuildCommand: client ? runScript(client, client.buildScriptName) : '',
      clientIndex: client?.buildsIndex ?? false,
      rootRelativeIndex: client?.rootRelativeIndex ?? false,
      vuePublicPathKey: client?.tool === 'vue-cli' && /^3\.[0-2]\b/.test(client.toolVersion ?? '') ? 'baseUrl' : 'publicPath',
      includeRequirements: path.relative(backend.dir || '.', layout.pythonDeps.file),
      addedRequirements: [],
      dependencyFile: layout.pythonDeps.file,
    },
  };
}
