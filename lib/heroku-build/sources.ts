// Where each rule was read, so a rule can be re-checked when a buildpack changes. Read Aug 2026.

export const PYTHON_BUILDPACK = 'heroku/heroku-buildpack-python v351 (2026-08-18)';
export const NODE_BUILDPACK = 'heroku/heroku-buildpack-nodejs v363 (2026-08-18)';
export const SUBDIR_BUILDPACK = 'negativetwelve/heroku-buildpack-subdir ee6a2e7 (2018-12-10) bin/compile';
export const GIT = 'git: an ignored file is left out of `git add`, so a push never sends it';

export const SOURCES = {
  pythonVersions: `${PYTHON_BUILDPACK} lib/python_version.sh (3.10–3.14; v321 deprecated 3.10, v323 made 3.14 the default)`,
  runtimeTxt: `${PYTHON_BUILDPACK} lib/python_version.sh (v276 deprecated runtime.txt; it is refused with uv)`,
  packageManager: `${PYTHON_BUILDPACK} lib/package_manager.sh (v325: several package-manager files fail the build)`,
  pipfileLock: `${PYTHON_BUILDPACK} lib/package_manager.sh (v292: Pipfile without Pipfile.lock fails the build)`,
  uvPythonVersion: `${PYTHON_BUILDPACK} lib/python_version.sh (v286 added uv; uv needs .python-version)`,
  poetryInstall: `${PYTHON_BUILDPACK} lib/poetry.sh (\`poetry sync --only main\` with Poetry 2.4.1, which installs the project itself unless package-mode = false)`,
  venv: `${PYTHON_BUILDPACK} lib/checks.sh (v324: .venv/ or venv/ in the source fails the build)`,
  herokuPython: `${PYTHON_BUILDPACK} lib/checks.sh (existing .heroku/python/ fails the build)`,
  nodeLockfiles: `${NODE_BUILDPACK} lib/package_manager.sh fail_multiple_lockfiles`,
  nodePackageManager: `${NODE_BUILDPACK} README (the lockfile picks npm, Yarn or pnpm) and bin/compile packageManager checks`,
  nodeVersions: `${NODE_BUILDPACK} inventory/node.toml and CHANGELOG (v320: default 24.x; v352: 25.x deprecated, EOL)`,
  nodeScripts: `${NODE_BUILDPACK} lib/package_manager.sh (heroku-postbuild runs instead of build)`,
  buildpacksFile: `${SUBDIR_BUILDPACK} (\`for BUILDPACK in $(cat .buildpacks)\`, \`dir=url#ref\`)`,
  ignored: GIT,
} as const;
