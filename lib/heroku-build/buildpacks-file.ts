import { hasFolder } from './paths.js';
import { SOURCES } from './sources.js';
import type { BuildApp, BuildFinding, BuildRule, BuildTree } from './types.js';

type Found = Omit<BuildFinding, 'rule' | 'source'>;

export const BUILDPACKS_FILE = '.buildpacks';

/** One line of `.buildpacks` as heroku-buildpack-subdir reads it: `dir=url#ref`, or a bare url for the root. */
export interface BuildpackLine {
  line: number;
  dir: string;
  url: string;
  ref: string | null;
  buildpack: BuildApp['buildpack'] | null;
}

/** Which official buildpack a URL is; null for any other buildpack. */
export function buildpackKind(url: string): BuildApp['buildpack'] | null {
  if (/heroku-buildpack-python(\.git)?\/?$/.test(url) || url === 'heroku/python') return 'python';
  if (/heroku-buildpack-nodejs(\.git)?\/?$/.test(url) || url === 'heroku/nodejs') return 'nodejs';
  return null;
}

/**
 * Reads `.buildpacks` the way subdir's bin/compile does (`for BUILDPACK in $(cat .buildpacks)`, split
 * at the first `=` and the `#`), and says what in it would break that loop.
 */
export function parseBuildpacksFile(text: string): { lines: BuildpackLine[]; problems: Found[] } {
  const lines: BuildpackLine[] = [];
  const problems: Found[] = [];
  const problem = (message: string, fix: string) => problems.push({ severity: 'error', path: BUILDPACKS_FILE, message, fix });
  if (text.includes('\r'))
    problem(
      '.buildpacks has CR (Windows) line endings; subdir would clone URLs ending in a carriage return.',
      'Save .buildpacks with LF line endings (`dir=url` per line) and commit it.',
    );
  text.split('\n').forEach((raw, index) => {
    const entry = raw.replace(/\r$/, '');
    const line = index + 1;
    if (entry.trim() === '') return;
    if (entry.trimStart().startsWith('#')) {
      problem(
        `.buildpacks line ${line} is a comment; subdir reads every word of the file as a buildpack.`,
        'Remove comments from .buildpacks: one `dir=url` per line, nothing else.',
      );
      return;
    }
    if (/\s/.test(entry.trim()) || entry !== entry.trim()) {
      problem(
        `.buildpacks line ${line} holds spaces; subdir splits the file at every space, so "${entry.trim()}" becomes several buildpacks.`,
        'Write each line as `dir=url` with no spaces (around `=` included).',
      );
      return;
    }
    const equals = entry.indexOf('=');
    const dir = equals === -1 ? '' : entry.slice(0, equals).replace(/\/+$/, '');
    const target = equals === -1 ? entry : entry.slice(equals + 1);
    const hash = target.indexOf('#');
    const url = hash === -1 ? target : target.slice(0, hash);
    const ref = hash === -1 ? null : target.slice(hash + 1);
    if (target.includes('=')) {
      problem(
        `.buildpacks line ${line} has more than one "="; subdir keeps only the text between the first two.`,
        'Write each line as `dir=url#ref`, with one "=".',
      );
      return;
    }
    if (equals !== -1 && (dir === '' || dir === '.' || dir.startsWith('/') || dir.split('/').includes('..'))) {
      problem(
        `.buildpacks line ${line} names the folder "${entry.slice(0, equals)}"; it must be a folder inside the repository.`,
        'Name a folder relative to the repository root (e.g. `backend=...`), or no folder for the root.',
      );
      return;
    }
    if (!/^https?:\/\//.test(url)) {
      problem(
        `.buildpacks line ${line}: "${url}" is not a URL; subdir fetches each buildpack with \`git clone\` (or curl for .tgz).`,
        url.startsWith('heroku/')
          ? `Use the buildpack's git URL, e.g. https://github.com/heroku/heroku-buildpack-${url.slice(7)}.git.`
          : "Use the buildpack's https URL.",
      );
      return;
    }
    lines.push({ line, dir, url, ref: ref === '' ? null : ref, buildpack: buildpackKind(url) });
  });
  return { lines, problems };
}

/** The folders the Python and Node.js buildpacks build, as the committed `.buildpacks` says. */
export function subdirApps(tree: BuildTree): BuildApp[] {
  const text = tree.read(BUILDPACKS_FILE);
  if (text === undefined) return [];
  return parseBuildpacksFile(text).lines.flatMap(({ dir, buildpack }) => (buildpack ? [{ dir, buildpack }] : []));
}

const buildpacksSyntax: BuildRule = {
  id: 'buildpacks-syntax',
  source: SOURCES.buildpacksFile,
  check: ({ tree, layout }) => {
    if (layout !== 'subdir') return [];
    const text = tree.read(BUILDPACKS_FILE);
    if (text === undefined) {
      return [
        {
          severity: 'error',
          path: BUILDPACKS_FILE,
          message: '.buildpacks is not in the commit; heroku-buildpack-subdir has nothing to build.',
          fix: 'Commit .buildpacks with one `dir=url` line per folder (client first, then backend).',
        },
      ];
    }
    const { lines, problems } = parseBuildpacksFile(text);
    if (problems.length > 0) return problems;
    const found: Found[] = [];
    if (!lines.some((line) => line.buildpack === 'python')) {
      found.push({
        severity: 'error',
        path: BUILDPACKS_FILE,
        message: '.buildpacks has no line for the Python buildpack, so Django never gets installed.',
        fix: 'Add `backend=https://github.com/heroku/heroku-buildpack-python.git` (with your backend folder) to .buildpacks.',
      });
    }
    // Subdir runs the lines in order; collectstatic (Python) must find the client build (Node.js) done.
    const python = lines.findIndex((line) => line.buildpack === 'python');
    const node = lines.findIndex((line) => line.buildpack === 'nodejs');
    if (python !== -1 && node > python) {
      found.push({
        severity: 'error',
        path: BUILDPACKS_FILE,
        message: `.buildpacks builds the Python folder (line ${lines[python].line}) before the client (line ${lines[node].line}), so collectstatic runs before the client build exists.`,
        fix: 'Put the Node.js line first in .buildpacks.',
      });
    }
    return found;
  },
};

const buildpacksFolders: BuildRule = {
  id: 'buildpacks-folder-exists',
  source: SOURCES.buildpacksFile,
  check: ({ tree, layout }) => {
    const text = layout === 'subdir' ? tree.read(BUILDPACKS_FILE) : undefined;
    if (text === undefined) return [];
    return parseBuildpacksFile(text)
      .lines.filter(({ dir }) => !hasFolder(tree, dir))
      .map(({ dir, line }): Found => ({
        severity: 'error',
        path: dir,
        message: `.buildpacks line ${line} builds ${dir}/, which does not exist; the buildpack's detect step fails on it.`,
        fix: `Commit ${dir}/, or change line ${line} of .buildpacks to the folder that holds the app.`,
      }));
  },
};

export const BUILDPACKS_RULES: readonly BuildRule[] = [buildpacksSyntax, buildpacksFolders];
