import { detectBackend, type BackendChoices } from './backend.js';
import { detectClient, type ClientChoices } from './client.js';
import { detectExisting, pythonVersionFrom } from './existing.js';
import { RepoReader, type DetectFs } from './fs.js';
import { detectPythonDependencies, pinnedDjangoVersion } from './python-deps.js';
import { scanRepo } from './scan.js';
import type { DetectedLayout } from './types.js';
import { DEFAULT_PYTHON } from '../versions.js';

export interface LayoutChoices extends BackendChoices, Omit<ClientChoices, 'exclude'> {
  /** Python major.minor for `.python-version`. */
  python?: string;
}

/**
 * Reads an existing repo and says where its Django project and client are and how they are built.
 * Every value given in `choices` (from a flag) wins over detection. Throws a LayoutError naming what
 * is missing and the flag that supplies it, or an AmbiguousLayoutError listing the candidates.
 */
export function detectLayout(fs: DetectFs, root: string, choices: LayoutChoices = {}): DetectedLayout {
  const repo = new RepoReader(fs, root);
  const scan = scanRepo(repo);
  const backend = detectBackend(repo, scan, choices);
  const pythonDeps = detectPythonDependencies(repo, backend.dir);
  backend.djangoVersion = pinnedDjangoVersion(repo, pythonDeps);
  const client = detectClient(repo, scan, { ...choices, exclude: backend.dir === '' ? [] : [backend.dir] });
  const existing = detectExisting(repo, backend);
  const warnings: string[] = [];

  let python = { version: DEFAULT_PYTHON, source: 'default' };
  const versionFile = existing.pythonVersionFile ?? existing.runtimeTxt;
  const fromFile = versionFile ? pythonVersionFrom(repo.read(versionFile) ?? '') : undefined;
  if (choices.python) python = { version: choices.python, source: '--python' };
  else if (fromFile && versionFile) python = { version: fromFile, source: versionFile };

  if (existing.runtimeTxt) warnings.push(`${existing.runtimeTxt} is deprecated on Heroku; .python-version replaces it (you may delete it).`);
  if (existing.docker.length > 0) warnings.push(`Docker files found (${existing.docker.join(', ')}); the Heroku deployment does not use them.`);
  if (backend.usesWhiteNoise) warnings.push('Your settings already mention WhiteNoise; the Heroku settings add it only where it is missing.');
  const otherPackageFiles = ['requirements.txt', 'Pipfile', 'pyproject.toml'].filter(
    (name) => repo.isFile(backend.dir ? `${backend.dir}/${name}` : name) && !pythonDeps.file.endsWith(name),
  );
  if (pythonDeps.kind !== 'requirements-folder' && otherPackageFiles.length > 0) {
    warnings.push(`Heroku's Python buildpack uses one dependency file per folder; ${pythonDeps.file} is the one used, ${otherPackageFiles.join(', ')} ignored.`);
  }
  if (client && client.lockFile === null) {
    warnings.push(`${client.dir || '.'}/ has no lock file; Heroku's Node.js buildpack will install with npm and unpinned versions.`);
  } else if (client?.lockFile && client.dir !== '' && !client.lockFile.startsWith(`${client.dir}/`)) {
    warnings.push(
      `The client's lock file is ${client.lockFile}, but the Node.js buildpack runs inside ${client.dir}/ and will not see it; ` +
        `give ${client.dir}/ its own lock file for reproducible builds.`,
    );
  }
  if (scan.ignored.length > 0 && scan.ignored.length <= 5) warnings.push(`Not searched (git-ignored or a virtualenv): ${scan.ignored.join(', ')}.`);

  return { backend, client, pythonDeps, existing, python, warnings };
}
