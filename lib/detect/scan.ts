import { isIgnored, parseGitignore, type IgnoreRule } from './gitignore.js';
import { joinRel, type RepoReader } from './fs.js';

/** Folders never searched: tools' caches, installed packages and build output. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'node_modules',
  'bower_components',
  'venv',
  'env',
  'virtualenv',
  'site-packages',
  'dist',
  'build',
  '__pycache__',
  'staticfiles',
  'coverage',
]);

export const SCAN_DEPTH = 3;

export interface RepoScan {
  /** Every folder searched, relative to the root ('' is the root), shallowest first. */
  folders: string[];
  /** Folders skipped because git ignores them. */
  ignored: string[];
}

/**
 * Lists the root and the folders up to `depth` levels below it, breadth first. Skipped and git-ignored
 * folders are never listed, so a 200 000-file node_modules costs nothing.
 */
export function scanRepo(repo: RepoReader, depth = SCAN_DEPTH): RepoScan {
  const folders: string[] = [];
  const ignored: string[] = [];
  let level: Array<{ dir: string; rules: IgnoreRule[] }> = [{ dir: '', rules: [] }];
  for (let current = 0; current <= depth && level.length > 0; current++) {
    const next: typeof level = [];
    for (const { dir, rules: inherited } of level) {
      const listing = repo.list(dir);
      if (!listing) continue;
      // A virtualenv under any name: its site-packages is not the user's code.
      if (listing.files.includes('pyvenv.cfg')) {
        ignored.push(dir);
        continue;
      }
      folders.push(dir);
      if (current === depth) continue;
      const gitignore = listing.files.includes('.gitignore') ? repo.read(joinRel(dir, '.gitignore')) : undefined;
      const rules = gitignore === undefined ? inherited : [...inherited, ...parseGitignore(gitignore, dir)];
      for (const name of listing.dirs) {
        const child = joinRel(dir, name);
        if (name.startsWith('.') || SKIPPED_FOLDERS.has(name)) continue;
        if (isIgnored(child, rules)) {
          ignored.push(child);
          continue;
        }
        next.push({ dir: child, rules });
      }
    }
    level = next;
  }
  return { folders, ignored };
}

/** Folders of the scan holding a file of that name. */
export function foldersWith(repo: RepoReader, scan: RepoScan, file: string): string[] {
  return scan.folders.filter((dir) => repo.list(dir)?.files.includes(file));
}
