/**
 * Node.js majors as Heroku's Node.js buildpack (v363) treats `engines.node`: the inventory holds every
 * release up to 26.x; majors past their upstream end-of-life still build, with a warning that they
 * will stop (20.x since 2026-04-30; 25.x deprecated in v352).
 */
export const NODE_VERSIONS = {
  supported: ['22', '24', '26'],
  /** What a client without `engines.node` gets (v320). */
  default: '24',
  /** The newest major in the buildpack's inventory: a request above it resolves to nothing. */
  newest: 26,
} as const;

export type NodeVersionStatus = 'supported' | 'end-of-life' | 'unknown';

export function nodeMajorStatus(major: number): NodeVersionStatus {
  if ((NODE_VERSIONS.supported as readonly string[]).includes(String(major))) return 'supported';
  return major > NODE_VERSIONS.newest ? 'unknown' : 'end-of-life';
}

/**
 * The one major an `engines.node` range names (`24.x`, `24`, `^24.1.0`, `~24.3`, `24.3.0`, `=24`), or
 * null for wider ranges (`>=20`, `20 || 22`, `*`), which the buildpack resolves to its newest LTS.
 */
export function engineMajor(range: string): number | null {
  const match = /^\s*[\^~=v]*\s*(\d+)(\.(\d+|x|\*))?(\.(\d+|x|\*))?\s*$/.exec(range);
  return match ? Number(match[1]) : null;
}
