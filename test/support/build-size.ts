import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

/** Total size of a build folder: raw bytes, and bytes after brotli (quality 11) file by file. */
export interface BuildSize {
  files: number;
  raw: number;
  brotli: number;
}

export function measureBuild(dir: string): BuildSize {
  const size: BuildSize = { files: 0, raw: 0, brotli: 0 };
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const content = readFileSync(join(entry.parentPath, entry.name));
    size.files += 1;
    size.raw += content.length;
    size.brotli += brotliCompressSync(content, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: content.length },
    }).length;
  }
  return size;
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}
