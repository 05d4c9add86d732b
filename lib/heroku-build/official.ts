// The rules Heroku's own buildpacks enforce when they build the monorepo at the repository root (the
// `official` layout), as data with the source each was read from, and one check over a repo's files.
import { parseProjectToml } from './official-toml.js';

/** Heroku's buildpacks by their registry names, the names app.json and project.toml use. */
export const OFFICIAL_BUILDPACKS = {
  nodejs: 'heroku/nodejs',
  python: 'heroku/python',
  procfile: 'heroku/procfile',
} as const;

/** What a Cedar app of this layout runs, in order: the client's build must exist before collectstatic. */
export function officialBuildpackList(hasClient: boolean): string[] {
  return hasClient ? [OFFICIAL_BUILDPACKS.nodejs, OFFICIAL_BUILDPACKS.python] : [OFFICIAL_BUILDPACKS.python];
}

/** Fir's `project.toml` group: the same order, plus the Procfile CNB that classic builds do not need. */
export function firBuildpackGroup(hasClient: boolean): string[] {
  return [...officialBuildpackList(hasClient), OFFICIAL_BUILDPACKS.procfile];
}

export interface OfficialRule {
  id: string;
  /** What the buildpack does, in one line. */
  fact: string;
  source: string;
}

export const OFFICIAL_RULES = {
  rootPackageJson: {
    id: 'root-package-json',
    fact: 'The Node.js buildpack detects and builds only a package.json at the repository root.',
    source: 'heroku/heroku-buildpack-nodejs bin/detect; heroku/buildpacks-nodejs (CNB) detect',
  },
  rootPythonFiles: {
    id: 'root-python-files',
    fact: 'The Python buildpack needs its package-manager file (requirements.txt, poetry.lock, uv.lock) and .python-version at the repository root.',
    source: 'heroku/heroku-buildpack-python bin/detect, lib/package_manager.sh, lib/python_version.sh; heroku/buildpacks-python (CNB) detect',
  },
  noPipenvOnFir: {
    id: 'no-pipenv-on-fir',
    fact: "The Python CNB (Fir) supports requirements.txt, Poetry and uv, not Pipenv.",
    source: 'heroku/buildpacks-python README "Package manager"',
  },
  nestedInstallIncludesDev: {
    id: 'nested-install-includes-dev',
    fact: "The Node.js buildpack builds with NODE_ENV=production, so an install run by a build script skips devDependencies (the client's build tools) unless it includes them explicitly.",
    source: 'heroku/heroku-buildpack-nodejs lib/environment.sh (NODE_ENV default production), npm config omit',
  },
  collectstaticDepth: {
    id: 'collectstatic-depth',
    fact: 'The Python buildpack runs collectstatic only for a manage.py found by `find . -maxdepth 3 -name manage.py`, with PYTHONPATH=.',
    source: 'heroku/heroku-buildpack-python bin/steps/collectstatic',
  },
  buildpackOrder: {
    id: 'buildpack-order',
    fact: 'heroku/nodejs must run before heroku/python, so the client build exists when collectstatic runs.',
    source: 'Heroku Dev Center "Using Multiple Buildpacks for an App" (the last buildpack sets the process types; each runs in order)',
  },
  projectToml: {
    id: 'project-toml',
    fact: 'Fir reads buildpacks from project.toml: `[_] schema-version = "0.2"` and one `[[io.buildpacks.group]]` table per buildpack with an `id`.',
    source: 'buildpacks/spec extensions/project-descriptor.md (schema 0.2); Heroku Dev Center "Heroku Cloud Native Buildpacks" on Fir',
  },
  noBuildpacksFile: {
    id: 'no-buildpacks-file',
    fact: '.buildpacks is read only by heroku-buildpack-subdir; with the official buildpacks it is dead weight that misleads readers.',
    source: 'negativetwelve/heroku-buildpack-subdir bin/compile',
  },
} as const satisfies Record<string, OfficialRule>;

export interface OfficialBuildProblem {
  rule: string;
  file: string;
  message: string;
  source: string;
}

export interface OfficialLayoutInput {
  /** A file's text at a repo-relative path, undefined when missing. */
  read: (file: string) => string | undefined;
  backendDir: string;
  /** null for an API-only project. */
  clientDir: string | null;
}

const PYTHON_PACKAGE_FILES = ['requirements.txt', 'poetry.lock', 'uv.lock'];
// An npm, pnpm or yarn install inside a build script, and the switches that keep devDependencies.
const NESTED_INSTALL = /\b(npm\s+(ci|install|i)|pnpm\s+(install|i)|yarn(\s+install)?)\b(?=[^&|;]*(--prefix|-C|--cwd|--dir)\b)|\bcd\s+[^&;]+&&\s*(npm\s+(ci|install|i)|pnpm\s+(install|i)|yarn(\s+install)?)\b/;
const KEEPS_DEV = /--include[= ]dev\b|--production[= ]false\b|--prod[= ]false\b|NODE_ENV=(development|dev)\b/;

/** Everything the official buildpacks would refuse or silently skip in this repo, before a push finds out. */
export function checkOfficialLayout(input: OfficialLayoutInput): OfficialBuildProblem[] {
  const problems: OfficialBuildProblem[] = [];
  const problem = (rule: OfficialRule, file: string, message: string) => problems.push({ rule: rule.id, file, message, source: rule.source });
  const { read, clientDir } = input;
  const rules = OFFICIAL_RULES;

  if (!PYTHON_PACKAGE_FILES.some((file) => read(file) !== undefined)) {
    problem(rules.rootPythonFiles, 'requirements.txt', 'No Python package-manager file at the root: add requirements.txt with `-r <backend>/requirements.txt`.');
  }
  if (read('.python-version') === undefined) problem(rules.rootPythonFiles, '.python-version', 'No .python-version at the root: the buildpack would pick its default Python.');
  if (read('Pipfile') !== undefined) problem(rules.noPipenvOnFir, 'Pipfile', 'A Pipfile at the root: Fir cannot build it; use requirements.txt or uv.');
  const backendDepth = input.backendDir === '.' || input.backendDir === '' ? 0 : input.backendDir.split('/').length;
  if (backendDepth > 2) {
    problem(rules.collectstaticDepth, `${input.backendDir}/manage.py`, `manage.py is ${backendDepth + 1} folders deep: the buildpack looks 3 deep and would skip collectstatic.`);
  }
  if (read('.buildpacks') !== undefined) problem(rules.noBuildpacksFile, '.buildpacks', '.buildpacks is not read by the official buildpacks: remove it.');

  const pkgText = read('package.json');
  if (clientDir !== null && pkgText === undefined) problem(rules.rootPackageJson, 'package.json', 'No package.json at the root: the client would not be built.');
  if (pkgText !== undefined) {
    const scripts = (JSON.parse(pkgText) as { scripts?: Record<string, string> }).scripts ?? {};
    // heroku-postbuild runs instead of build when both exist.
    const build = scripts['heroku-postbuild'] ?? scripts.build ?? '';
    if (NESTED_INSTALL.test(build) && !KEEPS_DEV.test(build)) {
      problem(rules.nestedInstallIncludesDev, 'package.json', `The build script installs another folder without devDependencies under NODE_ENV=production: add --include=dev ("${build}").`);
    }
  }
  checkAppJson(read('app.json'), clientDir !== null, problem);
  checkProjectToml(read('project.toml'), clientDir !== null, problem);
  return problems;
}

type Report = (rule: OfficialRule, file: string, message: string) => void;

function checkAppJson(text: string | undefined, hasClient: boolean, problem: Report): void {
  if (text === undefined) return;
  const listed = ((JSON.parse(text) as { buildpacks?: { url?: string }[] }).buildpacks ?? []).map((entry) => entry.url ?? '');
  const wanted = officialBuildpackList(hasClient);
  if (listed.join(',') !== wanted.join(',')) {
    problem(OFFICIAL_RULES.buildpackOrder, 'app.json', `app.json lists buildpacks ${listed.join(', ') || '(none)'}; this layout needs ${wanted.join(' then ')}.`);
  }
}

function checkProjectToml(text: string | undefined, hasClient: boolean, problem: Report): void {
  if (text === undefined) return;
  const parsed = parseProjectToml(text);
  if ('error' in parsed) return problem(OFFICIAL_RULES.projectToml, 'project.toml', parsed.error);
  if (parsed.schemaVersion !== '0.2') problem(OFFICIAL_RULES.projectToml, 'project.toml', `schema-version is ${JSON.stringify(parsed.schemaVersion ?? null)}, not "0.2".`);
  const wanted = firBuildpackGroup(hasClient);
  if (parsed.group.join(',') !== wanted.join(',')) {
    problem(OFFICIAL_RULES.projectToml, 'project.toml', `The buildpack group is ${parsed.group.join(', ') || '(empty)'}; this layout needs ${wanted.join(', ')}.`);
  }
}
