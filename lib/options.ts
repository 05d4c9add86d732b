import { NODE_VERSIONS } from './heroku-build/node-versions.js';
import { PYTHON_VERSIONS } from './heroku-build/python-versions.js';
import { DEFAULT_NODE, DEFAULT_PYTHON } from './versions.js';
import { herokuAppName, herokuAppNameFrom, projectFolder, pythonModuleName, type Rule } from './names.js';
import { notIgnoredFolder } from './ignored-folders.js';

export const FRAMEWORKS = ['react-ts', 'vue-ts', 'svelte-ts', 'vanilla-ts', 'none'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export const PYTHON_DEPENDENCY_FORMATS = ['pip', 'uv', 'pipenv'] as const;
export type PythonDependencyFormat = (typeof PYTHON_DEPENDENCY_FORMATS)[number];

/** How Heroku builds the monorepo: heroku-buildpack-subdir per folder, or Heroku's own buildpacks at the root. */
export const DEPLOY_LAYOUTS = ['subdir', 'official'] as const;
export type DeployLayout = (typeof DEPLOY_LAYOUTS)[number];

/** Everything a new project is made from; stored in `.yo-rc.json` under the generator's namespace. */
export interface ProjectAnswers {
  projectName: string;
  module: string;
  backendDir: string;
  clientDir: string;
  framework: Framework;
  herokuApp: string;
  pythonVersion: string;
  nodeVersion: string;
  pythonDeps: PythonDependencyFormat;
  layout: DeployLayout;
}

export type AnswerName = Exclude<keyof ProjectAnswers, 'projectName'>;

/** One option, declared once: the flag, the question, the default and the rule. */
export interface OptionSpec {
  name: AnswerName;
  flag: string;
  description: string;
  message: string;
  choices?: readonly string[];
  /** How --help shows the default, when it is computed from other answers. */
  defaultHelp?: string;
  defaultFor: (answers: Partial<ProjectAnswers>) => string;
  rule: Rule;
}

const oneOf =
  (choices: readonly string[]): Rule =>
  (value) =>
    choices.includes(value) ? undefined : `must be one of: ${choices.join(', ')}`;

const listed = (values: readonly string[]) => `${values.slice(0, -1).join(', ')} or ${values.at(-1)}`;

/** Python for `.python-version`: a major.minor that Heroku's Python buildpack supports. */
export const pythonVersion: Rule = (value) =>
  (PYTHON_VERSIONS.supported as readonly string[]).includes(value)
    ? undefined
    : `must be a Python version Heroku supports, in major.minor form: ${listed(PYTHON_VERSIONS.supported)}`;

/** Node.js for the client's `engines.node`: a major that Heroku's Node.js buildpack supports. */
export const nodeVersion: Rule = (value) =>
  (NODE_VERSIONS.supported as readonly string[]).includes(value)
    ? undefined
    : `must be a Node.js major version Heroku supports: ${listed(NODE_VERSIONS.supported)}`;

/** A folder the new project is generated in: a plain relative path that git will not ignore. */
const generatedFolder: Rule = (value) => projectFolder(value) ?? notIgnoredFolder(value);

export const PROJECT_OPTIONS: readonly OptionSpec[] = [
  {
    name: 'module',
    flag: 'module',
    description: 'Django project module (holds settings, urls, wsgi)',
    message: 'Django project module',
    defaultFor: () => 'app',
    rule: pythonModuleName,
  },
  {
    name: 'backendDir',
    flag: 'backend',
    description: 'Folder of the Django project, relative to the project root',
    message: 'Backend folder',
    defaultFor: () => 'backend',
    rule: generatedFolder,
  },
  {
    name: 'framework',
    flag: 'framework',
    description: `Client framework (${FRAMEWORKS.join(', ')}; none = API only)`,
    message: 'Client framework',
    choices: FRAMEWORKS,
    defaultFor: () => 'react-ts',
    rule: oneOf(FRAMEWORKS),
  },
  {
    name: 'clientDir',
    flag: 'client',
    description: 'Folder of the Vite client, relative to the project root',
    message: 'Client folder',
    defaultFor: () => 'client',
    rule: generatedFolder,
  },
  {
    name: 'herokuApp',
    flag: 'heroku-app',
    description: 'Heroku app name',
    message: 'Heroku app name',
    defaultHelp: 'derived from the project folder name',
    defaultFor: (answers) => herokuAppNameFrom(answers.projectName ?? 'django-monorepo'),
    rule: herokuAppName,
  },
  {
    name: 'pythonVersion',
    flag: 'python',
    description: 'Python version for .python-version (major.minor)',
    message: 'Python version',
    defaultFor: () => DEFAULT_PYTHON,
    rule: pythonVersion,
  },
  {
    name: 'nodeVersion',
    flag: 'node',
    description: "Node.js major version for the client's engines field",
    message: 'Node.js major version',
    defaultFor: () => DEFAULT_NODE,
    rule: nodeVersion,
  },
  {
    name: 'pythonDeps',
    flag: 'python-deps',
    description: 'Python dependencies (pip = requirements.txt; uv = pyproject.toml + uv.lock; pipenv = Pipfile + Pipfile.lock)',
    message: 'Python dependency format',
    choices: PYTHON_DEPENDENCY_FORMATS,
    defaultFor: () => 'pip',
    rule: oneOf(PYTHON_DEPENDENCY_FORMATS),
  },
  {
    name: 'layout',
    flag: 'buildpacks',
    description: "Deployment layout (subdir = .buildpacks + heroku-buildpack-subdir, Cedar only; official = Heroku's heroku/nodejs + heroku/python at the root, Cedar and Fir)",
    message: 'Heroku buildpacks',
    choices: DEPLOY_LAYOUTS,
    defaultFor: () => 'subdir',
    rule: oneOf(DEPLOY_LAYOUTS),
  },
];

/** The answers of the new-project generator that are only meaningful with a client. */
export function optionApplies(spec: OptionSpec, answers: Partial<ProjectAnswers>): boolean {
  if (spec.name === 'clientDir' || spec.name === 'nodeVersion') return answers.framework !== 'none';
  return true;
}

export class InvalidOptionError extends Error {
  constructor(
    readonly flag: string,
    readonly value: string,
    readonly rule: string,
  ) {
    super(`--${flag} ${JSON.stringify(value)} ${rule}.`);
    this.name = 'InvalidOptionError';
  }
}

/** A stored answer in `.yo-rc.json` that cannot be used: named as stored, not as a flag never given. */
export class StoredAnswerError extends Error {
  constructor(
    readonly key: string,
    problem: string,
    fix: string,
  ) {
    super(`The answer "${key}" stored in .yo-rc.json ${problem}: ${fix}.`);
    this.name = 'StoredAnswerError';
  }
}

/** A stored answer is text, as Yeoman stores the flags; the rule checks it like the flag's value. */
function checkStored(spec: OptionSpec, value: unknown): string {
  const replace = `or pass --${spec.flag} to replace it`;
  if (typeof value !== 'string') {
    const example = `"${spec.name}": ${JSON.stringify(spec.defaultFor({}))}`;
    throw new StoredAnswerError(spec.name, `is the ${typeof value} ${JSON.stringify(value)}, not text`, `write it in quotes there (like ${example}), ${replace}`);
  }
  const broken = spec.rule(value);
  if (broken) throw new StoredAnswerError(spec.name, `(${JSON.stringify(value)}) ${broken}`, `correct it there, ${replace}`);
  return value;
}

/** Checks one value against its option's rule; throws the one-line error users see. */
export function checkOption(spec: OptionSpec, value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  const broken = spec.rule(text);
  if (broken) throw new InvalidOptionError(spec.flag, text, broken);
  return text;
}

/** Every given value is checked before anything is asked or written, so a typo fails at once. */
export function checkGivenOptions(given: Partial<Record<AnswerName, unknown>>): void {
  for (const spec of PROJECT_OPTIONS) {
    if (given[spec.name] !== undefined) checkOption(spec, given[spec.name]);
  }
  checkLayoutDependencies(given);
}

/** The official layout's Python buildpack on Fir (a CNB) builds requirements.txt, Poetry and uv, not Pipenv. */
function checkLayoutDependencies(answers: Partial<Record<AnswerName, unknown>>): void {
  if (answers.layout === 'official' && answers.pythonDeps === 'pipenv') {
    throw new InvalidOptionError('python-deps', 'pipenv', "cannot be built by Heroku's Python buildpack on Fir (--buildpacks official): use --python-deps pip (requirements.txt), or --buildpacks subdir");
  }
  // uv's pyproject.toml and uv.lock would have to sit at the root, where the official layout builds Python.
  if (answers.layout === 'official' && answers.pythonDeps === 'uv') {
    throw new InvalidOptionError('python-deps', 'uv', 'is not offered with --buildpacks official yet (its pyproject.toml and uv.lock would have to be at the repository root): use --python-deps pip, or --buildpacks subdir');
  }
}

/**
 * Resolves every answer in declaration order: given value, else stored, else asked, else default.
 * `ask` is called only for values that are neither given nor stored; it receives the default.
 */
export async function resolveAnswers(
  projectName: string,
  given: Partial<Record<AnswerName, unknown>>,
  stored: Partial<Record<AnswerName, unknown>>,
  ask?: (spec: OptionSpec, fallback: string) => Promise<string>,
): Promise<ProjectAnswers> {
  checkGivenOptions(given);
  const answers: Partial<ProjectAnswers> = { projectName };
  const present = (value: unknown) => value !== undefined && value !== null && value !== '';
  for (const spec of PROJECT_OPTIONS) {
    let value: string;
    if (present(given[spec.name])) value = checkOption(spec, given[spec.name]);
    else if (present(stored[spec.name])) value = checkStored(spec, stored[spec.name]);
    else if (!optionApplies(spec, answers)) value = spec.defaultFor(answers);
    else value = checkOption(spec, ask ? await ask(spec, spec.defaultFor(answers)) : spec.defaultFor(answers));
    (answers as Record<string, string>)[spec.name] = value;
  }
  checkLayoutDependencies(answers);
  const { backendDir, clientDir, framework } = answers as ProjectAnswers;
  if (framework !== 'none' && folderOverlaps(backendDir, clientDir)) {
    throw new InvalidOptionError('client', clientDir, `must not be the backend folder or overlap it (--backend is ${JSON.stringify(backendDir)})`);
  }
  return answers as ProjectAnswers;
}

function folderOverlaps(a: string, b: string): boolean {
  const [x, y] = [a, b].map((dir) => dir.replace(/\\/g, '/') + '/');
  return x.startsWith(y) || y.startsWith(x);
}
