import path from 'node:path/posix';
import { parseJsonFile } from '../json.js';

/**
 * The part of a filesystem detection reads. `node:fs` and memfs's `fs`/`Volume` both satisfy it, so
 * detection runs on the real repo and in unit tests alike. Detection never writes.
 */
export interface DetectFs {
  readFileSync(path: string, encoding: 'utf8'): unknown;
  readdirSync(path: string, options: { withFileTypes: true }): unknown[];
}

interface DirEntryLike {
  name: unknown;
  isDirectory(): boolean;
  isFile(): boolean;
}

export interface DirListing {
  files: string[];
  dirs: string[];
}

/** A read-only view of one repo: paths are relative to its root, '' being the root itself. */
export class RepoReader {
  readonly #fs: DetectFs;
  readonly #listings = new Map<string, DirListing | null>();
  /** JSON files that could not be parsed, with the parser's reason: named when they were needed. */
  readonly unreadableJson = new Map<string, string>();
  /** How many directories were listed: detection cost must follow the user's files only. */
  listed = 0;

  constructor(
    fs: DetectFs,
    readonly root: string,
  ) {
    this.#fs = fs;
  }

  abs(rel: string): string {
    return rel === '' ? this.root : path.join(this.root, rel);
  }

  read(rel: string): string | undefined {
    try {
      const text = this.#fs.readFileSync(this.abs(rel), 'utf8');
      return typeof text === 'string' ? text : String(text);
    } catch {
      return undefined;
    }
  }

  list(rel: string): DirListing | null {
    const cached = this.#listings.get(rel);
    if (cached !== undefined) return cached;
    let listing: DirListing | null = null;
    try {
      const entries = this.#fs.readdirSync(this.abs(rel), { withFileTypes: true }) as DirEntryLike[];
      this.listed++;
      listing = { files: [], dirs: [] };
      for (const entry of entries) {
        const name = String(entry.name);
        // Symlinked folders are not followed: they can loop, and they are not the user's own tree.
        if (entry.isDirectory()) listing.dirs.push(name);
        else if (entry.isFile()) listing.files.push(name);
      }
      listing.files.sort();
      listing.dirs.sort();
    } catch {
      listing = null;
    }
    this.#listings.set(rel, listing);
    return listing;
  }

  isFile(rel: string): boolean {
    const listing = this.list(parentOf(rel));
    return listing !== null && listing.files.includes(path.basename(rel));
  }

  isDir(rel: string): boolean {
    if (rel === '') return this.list('') !== null;
    const listing = this.list(parentOf(rel));
    return listing !== null && listing.dirs.includes(path.basename(rel));
  }

  readJson(rel: string): unknown {
    const text = this.read(rel);
    if (text === undefined) return undefined;
    try {
      return parseJsonFile(text);
    } catch (error) {
      this.unreadableJson.set(rel, (error as Error).message);
      return undefined;
    }
  }
}

export function parentOf(rel: string): string {
  const dir = path.dirname(rel);
  return dir === '.' ? '' : dir;
}

export function joinRel(...parts: string[]): string {
  const joined = path.join(...parts.filter((part) => part !== ''));
  return joined === '.' ? '' : joined;
}
