/** How a file would change, counted in lines: what a conflict question tells the user. */
export interface LineChanges {
  added: number;
  removed: number;
  replaced: number;
}

const lines = (text: string): string[] => (text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/));

/** Line counts from a longest-common-subsequence diff; a removal next to an addition is a replacement. */
export function countLineChanges(before: string, after: string): LineChanges {
  const a = lines(before);
  const b = lines(after);
  // Equal heads and tails are cut first, so an edit in a long file stays cheap.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const x = a.slice(start, endA);
  const y = b.slice(start, endB);
  const common = lcsLength(x, y);
  const removed = x.length - common;
  const added = y.length - common;
  const replaced = Math.min(removed, added);
  return { added: added - replaced, removed: removed - replaced, replaced };
}

function lcsLength(x: string[], y: string[]): number {
  let previous = new Array<number>(y.length + 1).fill(0);
  for (const line of x) {
    const current = new Array<number>(y.length + 1).fill(0);
    for (let j = 0; j < y.length; j++) current[j + 1] = line === y[j] ? previous[j] + 1 : Math.max(previous[j + 1], current[j]);
    previous = current;
  }
  return previous[y.length];
}

const plural = (count: number, what: string): string => `${count} line${count === 1 ? '' : 's'} ${what}`;

export function describeLineChanges({ added, removed, replaced }: LineChanges): string {
  const parts = [replaced && plural(replaced, 'replaced'), added && plural(added, 'added'), removed && plural(removed, 'removed')].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'line endings or whitespace only';
}
