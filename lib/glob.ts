/**
 * A glob as a predicate on `/`-separated paths: `*` and `?` stay within a segment, `**` crosses
 * segments. A pattern without a slash also matches a bare file name, as in .gitignore.
 */
export function globMatcher(pattern: string): (file: string) => boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const whole = new RegExp(`^${source}$`);
  const byName = !pattern.includes('/');
  return (file) => whole.test(file) || (byName && whole.test(file.slice(file.lastIndexOf('/') + 1)));
}
