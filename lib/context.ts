import type { DeployLayout, Framework, ProjectAnswers, PythonDependencyFormat } from './options.js';
import { OFFICIAL_BUILDPACKS } from './heroku-build/official.js';
import { BUILDPACKS, HEROKU_STACK, POSTGRES_PLAN, PYTHON_PACKAGES, PYTHON_TOOLS } from './versions.js';
import { CLIENT_PACKAGES, type ClientPackages } from './client-versions.js';
import { npmPackageName } from './names.js';

/** The one object every template is rendered with. Documented field by field in the README. */
export interface TemplateContext {
  projectName: string;
  module: string;
  backendDir: string;
  /** null for an API-only project (framework `none`). */
  clientDir: string | null;
  /** The client's npm package name, e.g. `my-app-client`; null without a client. */
  clientPackageName: string | null;
  framework: Framework;
  hasClient: boolean;
  herokuApp: string;
  pythonVersion: string;
  nodeVersion: string;
  pythonDeps: PythonDependencyFormat;
  /** `subdir` (.buildpacks + heroku-buildpack-subdir) or `official` (heroku/nodejs + heroku/python at the root). */
  layout: DeployLayout;
  /** The root package.json's name in the official layout, e.g. `my-app`. */
  rootPackageName: string;
  /** Dotted settings modules, e.g. `app.settings.heroku`. */
  settings: { base: string; development: string; heroku: string };
  /** Path from the backend folder up to the project root (`..` for `backend`, `../..` for `apps/api`). */
  backendToRoot: string;
  /** The client's build output relative to the project root, e.g. `client/dist`; null without a client. */
  clientDist: string | null;
  python: typeof PYTHON_PACKAGES;
  /** Backend tools for requirements-dev.txt (ruff). */
  pythonTools: typeof PYTHON_TOOLS;
  client: ClientPackages | null;
  buildpacks: typeof BUILDPACKS;
  officialBuildpacks: typeof OFFICIAL_BUILDPACKS;
  herokuStack: string;
  postgresPlan: string;
}

export function buildContext(answers: ProjectAnswers): TemplateContext {
  const hasClient = answers.framework !== 'none';
  const clientDir = hasClient ? answers.clientDir : null;
  return {
    projectName: answers.projectName,
    module: answers.module,
    backendDir: answers.backendDir,
    clientDir,
    clientPackageName: hasClient ? `${npmPackageName(answers.projectName)}-client` : null,
    framework: answers.framework,
    hasClient,
    herokuApp: answers.herokuApp,
    pythonVersion: answers.pythonVersion,
    nodeVersion: answers.nodeVersion,
    pythonDeps: answers.pythonDeps,
    layout: answers.layout,
    rootPackageName: npmPackageName(answers.projectName),
    settings: {
      base: `${answers.module}.settings.base`,
      development: `${answers.module}.settings.development`,
      heroku: `${answers.module}.settings.heroku`,
    },
    backendToRoot: answers.backendDir.split('/').map(() => '..').join('/'),
    clientDist: clientDir ? `${clientDir}/dist` : null,
    python: PYTHON_PACKAGES,
    pythonTools: PYTHON_TOOLS,
    client: hasClient ? CLIENT_PACKAGES[answers.framework as Exclude<Framework, 'none'>] : null,
    buildpacks: BUILDPACKS,
    officialBuildpacks: OFFICIAL_BUILDPACKS,
    herokuStack: HEROKU_STACK,
    postgresPlan: POSTGRES_PLAN,
  };
}
