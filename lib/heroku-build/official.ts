// The rules Heroku's own buildpacks add when they build the monorepo at the repository root (the
// `official` layout), each with its source. The rules every layout shares (package-manager files,
// versions, lockfiles) are in python.ts and node.ts; these apply only when `layout` is `official`.
import { parseProjectToml } from './official-toml.js';
import { hasFile } from './paths.js';
import { SOURCES } from './sources.js';
import type { BuildFinding, BuildRule, BuildTree, RuleInput } from './types.js';

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

export const OFFICIAL_SOURCES = {
  nodeEnv: `${SOURCES.nodeScripts}; lib/environment.sh (NODE_ENV defaults to production), npm's omit=dev under NODE_ENV=production`,
  collectstatic: 'heroku/heroku-buildpack-python v351 bin/steps/collectstatic (`find . -maxdepth 3 -name manage.py`, PYTHONPATH=.)',
  order: 'Heroku Dev Center "Using Multiple Buildpacks for an App": buildpacks run in order, the last one sets the default process types',
  projectToml: 'buildpacks/spec extensions/project-descriptor.md (schema 0.2: [_] schema-version, [[io.buildpacks.group]] id); Heroku Dev Center on Fir',
  pipenvOnFir: 'heroku/buildpacks-python README (requirements.txt, Poetry and uv; no Pipenv)',
  subdirOnly: 'negativetwelve/heroku-buildpack-subdir bin/compile: only it reads .buildpacks',
} as const;

type Found = Omit<BuildFinding, 'rule' | 'source'>;

function officialRule(id: string, source: string, check: (input: RuleInput) => Found[]): BuildRule {
  return { id, source, check: (input) => (input.layout === 'official' ? check(input) : []) };
}

function readJson<T>(tree: BuildTree, path: string): T | undefined {
  const text = tree.read(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined; // node-package-json reports broken JSON
  }
}

/** Client folders: package.json files below the root, outside node_modules. */
function clientFolders(tree: BuildTree): string[] {
  return tree.files
    .filter((file) => file.endsWith('/package.json') && !file.split('/').includes('node_modules'))
    .map((file) => file.slice(0, -'/package.json'.length));
}

// An npm, pnpm or yarn install aimed at another folder, and the switches that keep devDependencies.
const INSTALL = String.raw`(npm\s+(ci|install|i)|pnpm\s+(install|i)|yarn(\s+install)?)\b`;
const NESTED_INSTALL = new RegExp(String.raw`\b${INSTALL}[^&|;]*(--prefix|-C|--cwd|--dir)\b|\bcd\s+[^&;]+&&\s*${INSTALL}`);
const KEEPS_DEV = /--include[= ]dev\b|--production[= ]false\b|--prod[= ]false\b|NODE_ENV=development\b/;

const nestedInstallIncludesDev = officialRule('nested-install-includes-dev', OFFICIAL_SOURCES.nodeEnv, ({ tree }) => {
  const scripts = readJson<{ scripts?: Record<string, string> }>(tree, 'package.json')?.scripts ?? {};
  // heroku-postbuild runs instead of build when both exist.
  const build = scripts['heroku-postbuild'] ?? scripts.build ?? '';
  if (!NESTED_INSTALL.test(build) || KEEPS_DEV.test(build)) return [];
  return [
    {
      severity: 'error',
      path: 'package.json',
      message: `The root build script installs another folder under NODE_ENV=production, which leaves out its devDependencies (the build tools): "${build}".`,
      fix: 'Add --include=dev to that install (npm; --prod=false for pnpm, --production=false for Yarn).',
    },
  ];
});

const clientNeedsRootPackage = officialRule('root-package-json', SOURCES.nodePackageManager, ({ tree }) => {
  const clients = clientFolders(tree);
  if (hasFile(tree, 'package.json') || clients.length === 0) return [];
  return [
    {
      severity: 'warning',
      path: 'package.json',
      message: `${clients.map((dir) => `${dir}/`).join(', ')} has a package.json but the root has none: the Node.js buildpack builds the root only, so the client would not be built.`,
      fix: 'Add a root package.json whose heroku-postbuild installs (with --include=dev) and builds the client.',
    },
  ];
});

const clientLockForCi = officialRule('client-lockfile-for-npm-ci', SOURCES.nodeLockfiles, ({ tree }) => {
  const build = readJson<{ scripts?: Record<string, string> }>(tree, 'package.json')?.scripts?.['heroku-postbuild'] ?? '';
  const dir = /\bnpm\s+ci\s+--prefix\s+(\S+)/.exec(build)?.[1];
  if (!dir || hasFile(tree, `${dir}/package-lock.json`)) return [];
  return [
    {
      severity: 'error',
      path: `${dir}/package-lock.json`,
      message: `heroku-postbuild runs \`npm ci\` in ${dir}/, which has no package-lock.json in the commit.`,
      fix: `Run \`npm install\` in ${dir}/ and commit ${dir}/package-lock.json.`,
    },
  ];
});

const collectstaticDepth = officialRule('collectstatic-depth', OFFICIAL_SOURCES.collectstatic, ({ tree }) => {
  const found = tree.files.filter((file) => file === 'manage.py' || file.endsWith('/manage.py'));
  if (found.length === 0 || found.some((file) => file.split('/').length <= 3)) return [];
  return [
    {
      severity: 'error',
      path: found[0],
      message: `${found[0]} is more than three folders deep: the Python buildpack looks for manage.py three deep and would skip collectstatic.`,
      fix: 'Move the Django project up, or run collectstatic yourself in a bin/post_compile hook and set DISABLE_COLLECTSTATIC=1.',
    },
  ];
});

const buildpackOrder = officialRule('app-json-buildpacks', OFFICIAL_SOURCES.order, ({ tree }) => {
  const manifest = readJson<{ buildpacks?: { url?: string }[] }>(tree, 'app.json');
  if (!manifest?.buildpacks) return [];
  const listed = manifest.buildpacks.map((entry) => entry.url ?? '');
  const wanted = officialBuildpackList(hasFile(tree, 'package.json'));
  if (listed.join(',') === wanted.join(',')) return [];
  return [
    {
      severity: 'error',
      path: 'app.json',
      message: `app.json lists the buildpacks ${listed.join(', ') || '(none)'}; this layout builds with ${wanted.join(' then ')}.`,
      fix: `List ${wanted.map((id) => `{ "url": "${id}" }`).join(', ')} in that order in app.json's buildpacks.`,
    },
  ];
});

const projectToml = officialRule('project-toml', OFFICIAL_SOURCES.projectToml, ({ tree }) => {
  const text = tree.read('project.toml');
  if (text === undefined) return [];
  const parsed = parseProjectToml(text);
  const wanted = firBuildpackGroup(hasFile(tree, 'package.json'));
  const fix = `Write \`[_]\\nschema-version = "0.2"\` and one \`[[io.buildpacks.group]]\` with \`id = "…"\` for each of ${wanted.join(', ')}, in that order.`;
  if ('error' in parsed) return [{ severity: 'error', path: 'project.toml', message: `project.toml: ${parsed.error}.`, fix }];
  const found: Found[] = [];
  if (parsed.schemaVersion !== '0.2') {
    found.push({ severity: 'error', path: 'project.toml', message: `project.toml's schema-version is ${JSON.stringify(parsed.schemaVersion ?? null)}, not "0.2".`, fix });
  }
  if (parsed.group.join(',') !== wanted.join(',')) {
    found.push({ severity: 'error', path: 'project.toml', message: `project.toml's buildpack group is ${parsed.group.join(', ') || '(empty)'}; Fir needs ${wanted.join(', ')}.`, fix });
  }
  return found;
});

const noPipenvOnFir = officialRule('pipenv-not-on-fir', OFFICIAL_SOURCES.pipenvOnFir, ({ tree }) =>
  hasFile(tree, 'Pipfile')
    ? [
        {
          severity: 'warning',
          path: 'Pipfile',
          message: "Pipfile at the root: Cedar's Python buildpack builds it, Fir's Python CNB does not.",
          fix: 'Move to uv (pyproject.toml + uv.lock) or requirements.txt to build on Fir too.',
        },
      ]
    : [],
);

const noBuildpacksFile = officialRule('buildpacks-file-unused', OFFICIAL_SOURCES.subdirOnly, ({ tree }) =>
  hasFile(tree, '.buildpacks')
    ? [
        {
          severity: 'warning',
          path: '.buildpacks',
          message: '.buildpacks is read only by heroku-buildpack-subdir; Heroku\'s own buildpacks ignore it.',
          fix: '`git rm .buildpacks`, so nobody edits a file the build never reads.',
        },
      ]
    : [],
);

export const OFFICIAL_RULES: readonly BuildRule[] = [
  clientNeedsRootPackage,
  nestedInstallIncludesDev,
  clientLockForCi,
  collectstaticDepth,
  buildpackOrder,
  projectToml,
  noPipenvOnFir,
  noBuildpacksFile,
];
