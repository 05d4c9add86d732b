// Reads the two tables of a CNB project descriptor that decide a Fir build of this layout: `[_]`'s
// schema-version and the ids of `[[io.buildpacks.group]]`, in order. Other tables are skipped unread.

export interface ProjectDescriptor {
  schemaVersion?: string;
  /** Buildpack ids (or `uri`s) of io.buildpacks.group, in order. */
  group: string[];
}

const HEADER = /^(\[\[?)\s*([A-Za-z0-9_.-]+)\s*(\]\]?)\s*(#.*)?$/;
const STRING_KEY = /^([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|'([^']*)')\s*(#.*)?$/;

export function parseProjectToml(text: string): ProjectDescriptor | { error: string } {
  const descriptor: ProjectDescriptor = { group: [] };
  let table = '';
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = HEADER.exec(line);
    if (header) {
      const arrayTable = header[1] === '[[';
      if (arrayTable !== (header[3] === ']]')) return { error: `line ${index + 1}: unbalanced table header ${line}` };
      table = `${arrayTable ? '[[' : '['}${header[2]}`;
      if (table === '[[io.buildpacks.group') descriptor.group.push('');
      if (table === '[[build.buildpacks') return { error: `line ${index + 1}: [[build.buildpacks]] is schema 0.1; Fir reads [[io.buildpacks.group]] (schema 0.2)` };
      continue;
    }
    if (table !== '[_' && table !== '[[io.buildpacks.group') continue;
    const pair = STRING_KEY.exec(line);
    if (!pair) return { error: `line ${index + 1}: expected key = "string" in ${table.replace(/^\[+/, '')}: ${line}` };
    const value = pair[2] ?? pair[3];
    if (table === '[_' && pair[1] === 'schema-version') descriptor.schemaVersion = value;
    if (table === '[[io.buildpacks.group' && (pair[1] === 'id' || (pair[1] === 'uri' && !descriptor.group.at(-1)))) {
      descriptor.group[descriptor.group.length - 1] = value;
    }
  }
  if (descriptor.group.some((id) => id === '')) return { error: 'an [[io.buildpacks.group]] table has no id' };
  return descriptor;
}
