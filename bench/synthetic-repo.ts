import { cpSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CREATE_VITE, SYSTEM_PYTHON } from './paths.js';
import { run } from './processes.js';

export const SOURCE_FILES = 2_000;
export const NODE_MODULES_FILES = 200_000;
const FILES_PER_PACKAGE = 100;
const VENV_FILES = 2_000;
const GIT_OBJECTS = 2_000;
const APP_FILES = ['__init__.py', 'admin.py', 'apps.py', 'models.py', 'tests.py', 'urls.py', 'views.py', 'migrations/__init__.py'];

const madeDirs = new Set<string>();

function write(file: string, text: string): void {
  const dir = dirname(file);
  if (!madeDirs.has(dir)) mkdirSync(dir, { recursive: true });
  madeDirs.add(dir);
  writeFileSync(file, text);
}

function countFiles(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).length;
}

/**
 * The user's own files: a Django project from startproject, a Vite client from create-vite, and Django
 * apps plus client components up to SOURCE_FILES in all.
 */
async function writeSourceFiles(root: string): Promise<void> {
  mkdirSync(join(root, 'backend'), { recursive: true });
  await run(SYSTEM_PYTHON, ['-m', 'django', 'startproject', 'app', 'backend'], { cwd: root });
  await run(process.execPath, [CREATE_VITE, 'client', '--template', 'react-ts', '--no-interactive', '--no-immediate'], { cwd: root });
  write(join(root, 'backend/requirements.txt'), 'Django==3.2.25\n');
  write(join(root, '.gitignore'), 'node_modules/\nvenv/\n__pycache__/\n*.pyc\n/client/dist/\n');
  const apps = Math.floor((SOURCE_FILES * 0.6) / APP_FILES.length);
  for (let app = 0; app < apps; app++) {
    for (const file of APP_FILES) write(join(root, `backend/feature${app}`, file), `# feature${app} ${file}\n`);
  }
  const components = SOURCE_FILES - countFiles(root);
  for (let component = 0; component < components; component++) {
    write(join(root, `client/src/components/group${component % 20}/Component${component}.tsx`), `export const Component${component} = () => <p>${component}</p>;\n`);
  }
}

/** What a developer's checkout also holds: installed packages, a virtualenv and git's objects. */
function writeIgnoredFolders(root: string): void {
  for (let pkg = 0; pkg < NODE_MODULES_FILES / FILES_PER_PACKAGE; pkg++) {
    const dir = join(root, `client/node_modules/package-${pkg}`);
    write(join(dir, 'package.json'), `{"name":"package-${pkg}","version":"1.0.0","main":"index.js"}\n`);
    for (let file = 1; file < FILES_PER_PACKAGE; file++) write(join(dir, `lib/part${file % 5}/file${file}.js`), `module.exports = ${file};\n`);
  }
  write(join(root, 'venv/pyvenv.cfg'), 'home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.2\n');
  for (let file = 0; file < VENV_FILES; file++) write(join(root, `venv/lib/python3.11/site-packages/pkg${file % 50}/module${file}.py`), `X = ${file}\n`);
  write(join(root, '.git/HEAD'), 'ref: refs/heads/main\n');
  write(join(root, '.git/config'), '[core]\n\trepositoryformatversion = 0\n');
  for (let object = 0; object < GIT_OBJECTS; object++) {
    const hex = object.toString(16).padStart(40, '0');
    write(join(root, `.git/objects/${hex.slice(-2)}/${hex.slice(0, 38)}`), 'x');
  }
}

/** Two copies of one repo under `scratch`: the source files alone, and the same plus the ignored folders. */
export async function writeSyntheticRepos(scratch: string): Promise<{ sourceOnly: string; withIgnored: string }> {
  const sourceOnly = join(scratch, 'source-only');
  const withIgnored = join(scratch, 'with-ignored');
  await writeSourceFiles(sourceOnly);
  cpSync(sourceOnly, withIgnored, { recursive: true });
  writeIgnoredFolders(withIgnored);
  return { sourceOnly, withIgnored };
}
