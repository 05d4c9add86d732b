import { poetryMissingRootModule } from '../detect/python-deps.js';
import { ignoredInTree } from './ignored.js';
import { appsOf, folderName, hasFile, inApp } from './paths.js';
import { parsePythonVersionFile, parseRuntimeTxt, pythonVersionStatus, PYTHON_VERSIONS, type VersionRequest } from './python-versions.js';
import { SOURCES } from './sources.js';
import type { BuildFinding, BuildRule, BuildTree } from './types.js';

type Found = Omit<BuildFinding, 'rule' | 'source'>;

/** The files that pick the Python package manager, in the buildpack's order (Pipfile is Pipenv's only with its lock). */
const PACKAGE_MANAGER_FILES = [
  { file: 'Pipfile.lock', tool: 'Pipenv' },
  { file: 'requirements.txt', tool: 'pip' },
  { file: 'poetry.lock', tool: 'Poetry' },
  { file: 'uv.lock', tool: 'uv' },
] as const;

export type PythonPackageManager = 'pip' | 'pipenv' | 'poetry' | 'uv';

/** The package manager the buildpack would pick in `dir`, or null when it would pick none or refuse. */
export function pythonPackageManager(tree: BuildTree, dir: string): PythonPackageManager | null {
  const found = PACKAGE_MANAGER_FILES.filter(({ file }) => hasFile(tree, inApp(dir, file)));
  if (found.length !== 1) return null;
  return ({ 'Pipfile.lock': 'pipenv', 'requirements.txt': 'pip', 'poetry.lock': 'poetry', 'uv.lock': 'uv' } as const)[found[0].file];
}

const onePackageManager: BuildRule = {
  id: 'python-one-package-manager',
  source: SOURCES.packageManager,
  check: ({ tree, apps }) =>
    appsOf(apps, 'python').flatMap(({ dir }): Found[] => {
      const found = PACKAGE_MANAGER_FILES.filter(({ file }) => hasFile(tree, inApp(dir, file)));
      if (found.length > 1) {
        const names = found.map(({ file, tool }) => `${inApp(dir, file)} (${tool})`);
        return [
          {
            severity: 'error',
            path: dir || undefined,
            message: `${folderName(dir)} has several Python package-manager files: ${names.join(', ')}; the Python buildpack refuses to guess.`,
            fix: `Keep the one you use and \`git rm\` the others (pip: requirements.txt; Pipenv: Pipfile + Pipfile.lock; uv: pyproject.toml + uv.lock).`,
          },
        ];
      }
      if (found.length === 1 || hasFile(tree, inApp(dir, 'Pipfile'))) return [];
      const pyproject = hasFile(tree, inApp(dir, 'pyproject.toml'));
      return [
        {
          severity: 'error',
          path: dir || undefined,
          message: pyproject
            ? `${inApp(dir, 'pyproject.toml')} has no lock file next to it, and the Python buildpack installs only from requirements.txt, Pipfile.lock, poetry.lock or uv.lock.`
            : `${folderName(dir)} has no requirements.txt, Pipfile.lock, poetry.lock or uv.lock, so the Python buildpack cannot install anything.`,
          fix: pyproject
            ? `Run \`uv lock\` in ${folderName(dir)} (or \`poetry lock\` for Poetry) and commit the lock file.`
            : `Add and commit ${inApp(dir, 'requirements.txt')} (or another package manager's lock file).`,
        },
      ];
    }),
};

const pipfileNeedsLock: BuildRule = {
  id: 'pipfile-needs-lock',
  source: SOURCES.pipfileLock,
  check: ({ tree, apps }) =>
    appsOf(apps, 'python')
      .filter(({ dir }) => hasFile(tree, inApp(dir, 'Pipfile')) && !hasFile(tree, inApp(dir, 'Pipfile.lock')))
      .map(({ dir }): Found => ({
        severity: 'error',
        path: inApp(dir, 'Pipfile.lock'),
        message: `${inApp(dir, 'Pipfile')} has no Pipfile.lock next to it; the Python buildpack refuses Pipenv without its lock.`,
        fix: `Run \`pipenv lock\` in ${folderName(dir)}, then \`git add ${inApp(dir, 'Pipfile.lock')}\` and commit (make sure .gitignore does not list it).`,
      })),
};

/** Where the buildpack reads the Python version from, in its order of precedence. */
function requestedPython(tree: BuildTree, dir: string): { file: string; request: VersionRequest } | null {
  for (const [name, parse] of [
    ['runtime.txt', parseRuntimeTxt],
    ['.python-version', parsePythonVersionFile],
  ] as const) {
    const text = tree.read(inApp(dir, name));
    if (text !== undefined) return { file: inApp(dir, name), request: parse(text) };
  }
  return null;
}

const pythonVersion: BuildRule = {
  id: 'python-version',
  source: SOURCES.pythonVersions,
  check: ({ tree, apps }) =>
    appsOf(apps, 'python').flatMap(({ dir }): Found[] => {
      const requested = requestedPython(tree, dir);
      const versionFile = inApp(dir, '.python-version');
      if (!requested) {
        // uv's own rule covers the missing file; for the others the build only warns.
        if (pythonPackageManager(tree, dir) === 'uv') return [];
        return [
          {
            severity: 'warning',
            path: versionFile,
            message: `${folderName(dir)} names no Python version, so Heroku builds with its default (${PYTHON_VERSIONS.default} today), which changes over time.`,
            fix: `Commit ${versionFile} containing \`${PYTHON_VERSIONS.default}\`.`,
          },
        ];
      }
      const { file, request } = requested;
      const supported = `${PYTHON_VERSIONS.supported[0]} to ${PYTHON_VERSIONS.supported.at(-1)}`;
      if ('invalid' in request) {
        return [
          {
            severity: 'error',
            path: file,
            message: `${file} is not a version the Python buildpack reads: ${request.invalid}.`,
            fix: `Make ${versionFile} contain one line such as \`${PYTHON_VERSIONS.default}\`.`,
          },
        ];
      }
      const status = pythonVersionStatus(request.version);
      if (status === 'supported') return [];
      return [
        {
          severity: status === 'deprecated' ? 'warning' : 'error',
          path: file,
          message:
            status === 'deprecated'
              ? `Python ${request.version} (${file}) is deprecated on Heroku and will stop building; supported: ${supported}.`
              : status === 'end-of-life'
                ? `Python ${request.version} (${file}) has reached end-of-life and Heroku refuses to build it; supported: ${supported}.`
                : `Python ${request.version} (${file}) is not a version Heroku's Python buildpack knows; supported: ${supported}.`,
          fix: `Set ${versionFile} to a supported version, e.g. \`${PYTHON_VERSIONS.default}\`.`,
        },
      ];
    }),
};

const runtimeTxtDeprecated: BuildRule = {
  id: 'runtime-txt-deprecated',
  source: SOURCES.runtimeTxt,
  check: ({ tree, apps }) =>
    appsOf(apps, 'python')
      .filter(({ dir }) => hasFile(tree, inApp(dir, 'runtime.txt')))
      .map(({ dir }): Found => {
        const uv = pythonPackageManager(tree, dir) === 'uv';
        return {
          severity: uv ? 'error' : 'warning',
          path: inApp(dir, 'runtime.txt'),
          message: uv
            ? `${inApp(dir, 'runtime.txt')} is refused with uv: the Python buildpack reads uv's Python from .python-version only.`
            : `${inApp(dir, 'runtime.txt')} is deprecated on Heroku and takes precedence over .python-version.`,
          fix: `\`git rm ${inApp(dir, 'runtime.txt')}\` and name the version in ${inApp(dir, '.python-version')} (e.g. \`${PYTHON_VERSIONS.default}\`).`,
        };
      }),
};

const uvNeedsPythonVersion: BuildRule = {
  id: 'uv-needs-python-version',
  source: SOURCES.uvPythonVersion,
  check: ({ tree, apps }) =>
    appsOf(apps, 'python')
      .filter(
        ({ dir }) =>
          pythonPackageManager(tree, dir) === 'uv' &&
          !hasFile(tree, inApp(dir, '.python-version')) &&
          !hasFile(tree, inApp(dir, 'runtime.txt')),
      )
      .map(({ dir }): Found => ({
        severity: 'error',
        path: inApp(dir, '.python-version'),
        message: `${inApp(dir, 'uv.lock')} is there but ${inApp(dir, '.python-version')} is not; with uv the Python buildpack requires it.`,
        fix: `Run \`uv python pin ${PYTHON_VERSIONS.default}\` in ${folderName(dir)} and commit ${inApp(dir, '.python-version')} (make sure .gitignore does not list it).`,
      })),
};

const poetryInstallsProject: BuildRule = {
  id: 'poetry-installs-project',
  source: SOURCES.poetryInstall,
  check: ({ tree, apps }) =>
    appsOf(apps, 'python').flatMap(({ dir }): Found[] => {
      const pyproject = tree.read(inApp(dir, 'pyproject.toml'));
      if (pythonPackageManager(tree, dir) !== 'poetry' || pyproject === undefined) return [];
      const module = poetryMissingRootModule(pyproject, (file) => hasFile(tree, inApp(dir, file)));
      if (module === undefined) return [];
      return [
        {
          severity: 'error',
          path: inApp(dir, 'pyproject.toml'),
          message: `The Python buildpack's \`poetry sync\` installs the project of ${inApp(dir, 'pyproject.toml')} itself, and there is no ${module} package in ${folderName(dir)} to install, so the build fails.`,
          fix: `Add \`package-mode = false\` under [tool.poetry] in ${inApp(dir, 'pyproject.toml')} (Poetry only manages the dependencies), run \`poetry lock\`, and commit both files.`,
        },
      ];
    }),
};

/** A committed folder in the build folder that the Python buildpack refuses to build over. */
function committedFolderRule(
  id: string,
  source: string,
  folders: readonly string[],
  holds: string,
  isInside: (file: string, folder: string) => boolean,
): BuildRule {
  return {
    id,
    source,
    check: ({ tree, apps }) =>
      appsOf(apps, 'python').flatMap(({ dir }) =>
        folders
          .map((name) => ({ name, folder: inApp(dir, name) }))
          // A virtual environment the repo's .gitignore hides never reaches a commit.
          .filter(({ folder }) => tree.files.some((file) => isInside(file, folder)) && !ignoredInTree(tree, folder))
          .map(({ name, folder }): Found => ({
            severity: 'error',
            path: folder,
            message: `${folder}/ is in the build folder; the Python buildpack refuses a build folder that holds ${holds}.`,
            fix: `Run \`git rm -r --cached ${folder}\`, add \`${name}/\` to .gitignore, and commit.`,
          })),
      ),
  };
}

// The buildpack recognises a virtual environment by its pyvenv.cfg, and refuses any .heroku/python.
const noCommittedVenv = committedFolderRule(
  'no-committed-venv',
  SOURCES.venv,
  ['.venv', 'venv'],
  'a virtual environment',
  (file, folder) => file === `${folder}/pyvenv.cfg`,
);
const noCommittedHerokuPython = committedFolderRule(
  'no-committed-heroku-python',
  SOURCES.herokuPython,
  ['.heroku/python'],
  'the folder it installs Python into',
  (file, folder) => file === folder || file.startsWith(`${folder}/`),
);

export const PYTHON_RULES: readonly BuildRule[] = [
  onePackageManager,
  pipfileNeedsLock,
  pythonVersion,
  runtimeTxtDeprecated,
  uvNeedsPythonVersion,
  poetryInstallsProject,
  noCommittedVenv,
  noCommittedHerokuPython,
];
