import { isIgnored, parseGitignore, type IgnoreRule } from '../detect/gitignore.js';
import { BUILDPACKS_FILE } from './buildpacks-file.js';
import { hasFile, inApp } from './paths.js';
import { SOURCES } from './sources.js';
import type { BuildApp, BuildRule, BuildTree } from './types.js';

/** The files each build reads, per buildpack folder and at the root. */
const ROOT_FILES = ['Procfile', BUILDPACKS_FILE, 'app.json', 'project.toml', 'requirements.txt'];
const APP_FILES: Record<BuildApp['buildpack'], readonly string[]> = {
  python: [
    '.python-version',
    'runtime.txt',
    'requirements.txt',
    'Pipfile',
    'Pipfile.lock',
    'pyproject.toml',
    'uv.lock',
    'poetry.lock',
    'manage.py',
  ],
  nodejs: ['package.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml', '.npmrc'],
};

/** Every path a deployment file of these apps could have, whether or not it exists. */
export function deploymentFileCandidates(apps: readonly BuildApp[]): string[] {
  const wanted = new Set(ROOT_FILES);
  for (const app of apps) for (const name of APP_FILES[app.buildpack]) wanted.add(inApp(app.dir, name));
  return [...wanted];
}

export function deploymentFiles(tree: BuildTree, apps: readonly BuildApp[]): string[] {
  return deploymentFileCandidates(apps).filter((file) => hasFile(tree, file));
}

/** Each .gitignore of the tree with its rules, shallowest first, so deeper files win as in git. */
function ignoreFiles(tree: BuildTree): { file: string; rules: IgnoreRule[] }[] {
  return tree.files
    .filter((file) => file === '.gitignore' || file.endsWith('/.gitignore'))
    .sort((a, b) => a.split('/').length - b.split('/').length)
    .map((file) => {
      const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
      return { file, rules: parseGitignore(tree.read(file) ?? '', base) };
    });
}

/** git never looks inside an ignored folder, so a file is ignored when it or any folder above it is. */
function ignoredPath(path: string, rules: readonly IgnoreRule[]): string | null {
  const parts = path.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const prefix = parts.slice(0, i).join('/');
    if (isIgnored(prefix, rules)) return prefix;
  }
  return null;
}

/** For a tree not yet committed: true when its .gitignore files would keep `path` out of the commit. */
export function ignoredInTree(tree: BuildTree, path: string): boolean {
  return !tree.committed && ignoredPath(path, ignoreFiles(tree).flatMap(({ rules }) => rules)) !== null;
}

const ignoredDeploymentFile: BuildRule = {
  id: 'deployment-file-ignored',
  source: SOURCES.ignored,
  check: ({ tree, apps }) => {
    if (tree.committed) return [];
    const files = ignoreFiles(tree);
    const all = files.flatMap(({ rules }) => rules);
    return deploymentFiles(tree, apps).flatMap((path) => {
      const hidden = ignoredPath(path, all);
      if (hidden === null) return [];
      const by = files.filter(({ rules }) => ignoredPath(path, rules) !== null).map(({ file }) => file);
      const what = hidden === path ? path : `${path} (its folder ${hidden}/)`;
      return [
        {
          severity: 'error' as const,
          path,
          message: `${what} is ignored by ${by.join(' and ') || '.gitignore'}, so it would never be committed and Heroku would build without it.`,
          fix: `Remove the matching line from ${by.at(-1) ?? '.gitignore'} (or add \`!${hidden}\` after it), then \`git add ${path}\` and commit.`,
        },
      ];
    });
  },
};

export const IGNORE_RULES: readonly BuildRule[] = [ignoredDeploymentFile];
