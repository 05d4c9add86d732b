import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every file below a folder with its modification time and contents: equal states mean nothing was written. */
export function diskState(folder: string): Record<string, string> {
  const state: Record<string, string> = {};
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    state[path.relative(folder, file)] = `${statSync(file).mtimeMs} ${readFileSync(file, 'utf8')}`;
  }
  return state;
}
