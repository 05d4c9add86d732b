import { engineMajor, nodeMajorStatus, NODE_VERSIONS } from './node-versions.js';
import { appsOf, folderName, hasFile, inApp } from './paths.js';
import { SOURCES } from './sources.js';
import type { BuildApp, BuildFinding, BuildRule, BuildTree } from './types.js';

type Found = Omit<BuildFinding, 'rule' | 'source'>;

const LOCKFILES = [
  { file: 'package-lock.json', tool: 'npm' },
  { file: 'pnpm-lock.yaml', tool: 'pnpm' },
  { file: 'yarn.lock', tool: 'yarn' },
] as const;

interface PackageJson {
  packageManager?: unknown;
  engines?: { node?: unknown; npm?: unknown; yarn?: unknown; pnpm?: unknown };
  scripts?: Record<string, unknown>;
}

/** package.json of a Node app, or why it cannot be read. */
function readPackageJson(tree: BuildTree, dir: string): PackageJson | 'missing' | 'invalid' {
  const text = tree.read(inApp(dir, 'package.json'));
  if (text === undefined) return 'missing';
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as PackageJson) : 'invalid';
  } catch {
    return 'invalid';
  }
}

/** A rule that looks at each Node app's readable package.json. */
function nodeRule(id: string, source: string, check: (pkg: PackageJson, app: BuildApp, tree: BuildTree) => Found[]): BuildRule {
  return {
    id,
    source,
    check: ({ tree, apps }) =>
      appsOf(apps, 'nodejs').flatMap((app) => {
        const pkg = readPackageJson(tree, app.dir);
        return typeof pkg === 'string' ? [] : check(pkg, app, tree);
      }),
  };
}

const packageJsonReadable: BuildRule = {
  id: 'node-package-json',
  source: SOURCES.nodePackageManager,
  check: ({ tree, apps }) =>
    appsOf(apps, 'nodejs').flatMap(({ dir }): Found[] => {
      const pkg = readPackageJson(tree, dir);
      const path = inApp(dir, 'package.json');
      if (pkg === 'missing')
        return [
          {
            severity: 'error',
            path,
            message: `${path} is not in the commit, so the Node.js buildpack cannot build ${folderName(dir)}.`,
            fix: `Commit ${path}, or take the Node.js line for ${folderName(dir)} out of the buildpacks.`,
          },
        ];
      if (pkg === 'invalid')
        return [
          {
            severity: 'error',
            path,
            message: `${path} is not a JSON object; the Node.js buildpack fails on it.`,
            fix: `Fix the JSON in ${path} and commit it.`,
          },
        ];
      return [];
    }),
};

const oneLockfile: BuildRule = {
  id: 'node-one-lockfile',
  source: SOURCES.nodeLockfiles,
  check: ({ tree, apps }) =>
    appsOf(apps, 'nodejs').flatMap(({ dir }): Found[] => {
      const found = LOCKFILES.filter(({ file }) => hasFile(tree, inApp(dir, file)));
      if (found.length < 2) return [];
      return [
        {
          severity: 'error',
          path: dir || undefined,
          message: `${folderName(dir)} has several lockfiles (${found.map(({ file }) => inApp(dir, file)).join(', ')}); the Node.js buildpack refuses to build it.`,
          fix: `Keep the lockfile of the package manager you use and \`git rm\` the others (${found.map(({ file, tool }) => `${tool}: ${file}`).join('; ')}).`,
        },
      ];
    }),
};

/**
 * The package managers package.json names. The buildpack's conflict check counts engines.npm/yarn/pnpm
 * and a yarn or pnpm `packageManager`; `strict: false` also counts `packageManager: npm@...`.
 */
function declaredManagers(pkg: PackageJson, strict: boolean): Set<string> {
  const declared = new Set<string>();
  for (const tool of ['npm', 'yarn', 'pnpm'] as const) if (pkg.engines?.[tool] !== undefined) declared.add(tool);
  const field = typeof pkg.packageManager === 'string' ? /^(npm|yarn|pnpm)@/.exec(pkg.packageManager)?.[1] : undefined;
  if (field && (field !== 'npm' || !strict)) declared.add(field);
  return declared;
}

const lockfileMatchesManager = nodeRule('node-lockfile-package-manager', SOURCES.nodePackageManager, (pkg, { dir }, tree) => {
  const path = inApp(dir, 'package.json');
  const conflicting = declaredManagers(pkg, true);
  if (conflicting.size > 1) {
    return [
      {
        severity: 'error',
        path,
        message: `${path} declares several package managers (${[...conflicting].join(', ')}); the Node.js buildpack refuses that.`,
        fix: `Keep one of packageManager / engines.npm / engines.yarn / engines.pnpm in ${path}.`,
      },
    ];
  }
  const declared = declaredManagers(pkg, false);
  const locks = LOCKFILES.filter(({ file }) => hasFile(tree, inApp(dir, file)));
  if (locks.length === 0) {
    const tool = [...declared][0] ?? 'npm';
    const lock = LOCKFILES.find((entry) => entry.tool === tool)!.file;
    return [
      {
        severity: 'warning',
        path: inApp(dir, lock),
        message: `${folderName(dir)} has no lockfile, so Heroku installs with npm whatever versions are newest at build time.`,
        fix: `Run \`${tool} install\` in ${folderName(dir)} and commit ${inApp(dir, lock)}.`,
      },
    ];
  }
  const picked = locks[0].tool;
  const other = [...declared].find((tool) => tool !== picked);
  if (locks.length === 1 && other) {
    // The buildpack installs the declared tool but still installs the dependencies with the lockfile's.
    return [
      {
        severity: 'warning',
        path,
        message: `${inApp(dir, locks[0].file)} makes the Node.js buildpack install with ${picked}, but ${path} declares ${other}.`,
        fix: `Use one package manager: commit ${other}'s lockfile and \`git rm ${inApp(dir, locks[0].file)}\`, or drop ${other} from ${path}.`,
      },
    ];
  }
  return [];
});

const enginesNode = nodeRule('node-engines-version', SOURCES.nodeVersions, (pkg, { dir }) => {
  const path = inApp(dir, 'package.json');
  const range = pkg.engines?.node;
  const example = `"engines": { "node": "${NODE_VERSIONS.default}.x" }`;
  if (typeof range !== 'string' || range.trim() === '') {
    return [
      {
        severity: 'warning',
        path,
        message: `${path} has no engines.node, so Heroku picks its default Node.js (${NODE_VERSIONS.default}.x today), which changes over time.`,
        fix: `Add ${example} to ${path}.`,
      },
    ];
  }
  const major = engineMajor(range);
  const supported = NODE_VERSIONS.supported.map((m) => `${m}.x`).join(', ');
  if (major === null) {
    return [
      {
        severity: 'warning',
        path,
        message: `engines.node "${range}" in ${path} is a wide range; Heroku picks a major for you and it can change.`,
        fix: `Name one major, e.g. ${example} (supported: ${supported}).`,
      },
    ];
  }
  const status = nodeMajorStatus(major);
  if (status === 'supported') return [];
  return [
    {
      severity: status === 'unknown' ? 'error' : 'warning',
      path,
      message:
        status === 'unknown'
          ? `engines.node "${range}" in ${path} asks for Node.js ${major}, which Heroku's Node.js buildpack does not have.`
          : `engines.node "${range}" in ${path} asks for Node.js ${major}, which is end-of-life: Heroku warns and will stop building it.`,
      fix: `Set engines.node to a supported major: ${supported}.`,
    },
  ];
});

const buildScript = nodeRule('node-build-script', SOURCES.nodeScripts, (pkg, { dir }) => {
  const path = inApp(dir, 'package.json');
  const script = (name: string) => (typeof pkg.scripts?.[name] === 'string' ? (pkg.scripts[name] as string) : undefined);
  const build = script('build');
  const postbuild = script('heroku-postbuild');
  if (build === undefined && postbuild === undefined) {
    return [
      {
        severity: 'warning',
        path,
        message: `${path} has neither a build nor a heroku-postbuild script, so Heroku builds nothing in ${folderName(dir)}.`,
        fix: `Add a "build" script (or "heroku-postbuild") that writes the client's build output.`,
      },
    ];
  }
  if (build !== undefined && postbuild !== undefined && !/\bbuild\b/.test(postbuild)) {
    return [
      {
        severity: 'warning',
        path,
        message: `${path} has a heroku-postbuild script, so Heroku runs it instead of "build" (${JSON.stringify(build)}), and it does not mention build.`,
        fix: `Make heroku-postbuild run the build (e.g. \`npm run build\`), or remove it.`,
      },
    ];
  }
  return [];
});

export const NODE_RULES: readonly BuildRule[] = [packageJsonReadable, oneLockfile, lockfileMatchesManager, enginesNode, buildScript];
