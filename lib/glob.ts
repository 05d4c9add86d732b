/** A glob as a predicate on `/`-separated paths. A pattern without a slash also matches a bare file name, as in .gitignore. */
export function globMatcher(pattern: string): (file: string) => boolean {
  const whole = new RegExp(`^${globToRegex(pattern)}$`);
  const byName = !pattern.includes('/');
  return (file) => whole.test(file) || (byName && whole.test(file.slice(file.lastIndexOf('/') + 1)));
}

/**
 * A glob as the body of a regular expression, for `/`-separated paths: `*` and `?` stay within a
 * segment, `**` crosses segments, `[...]` is a class (`[!...]` negated), a backslash escapes.
 */
export function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*' && glob[i + 1] === '*') {
      if (glob[i + 2] === '/') {
        out += '(?:.*/)?';
        i += 2;
      } else {
        out += '.*';
        i += 1;
      }
    } else if (char === '*') out += '[^/]*';
    else if (char === '?') out += '[^/]';
    else if (char === '[') {
      const end = glob.indexOf(']', i + 1);
      if (end === -1) out += '\\[';
      else {
        out += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else if (char === '\\' && i + 1 < glob.length) {
      out += escapeRegex(glob[i + 1]);
      i += 1;
    } else out += escapeRegex(char);
  }
  return out;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
