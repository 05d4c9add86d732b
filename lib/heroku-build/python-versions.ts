/** What Heroku's Python buildpack accepts in `.python-version` (heroku-buildpack-python v351). */
export const PYTHON_VERSIONS = {
  /** Built and supported. */
  supported: ['3.11', '3.12', '3.13', '3.14'],
  /** Still built, with a deprecation warning (v321). */
  deprecated: ['3.10'],
  /** What a build without `.python-version` gets (v323). */
  default: '3.14',
} as const;

export type PythonVersionStatus = 'supported' | 'deprecated' | 'end-of-life' | 'unknown';

/** How the buildpack treats a `major.minor` or `major.minor.patch` request. */
export function pythonVersionStatus(version: string): PythonVersionStatus {
  const minorVersion = /^(\d+)\.(\d+)/.exec(version)?.slice(1, 3).join('.') ?? version;
  if ((PYTHON_VERSIONS.supported as readonly string[]).includes(minorVersion)) return 'supported';
  if ((PYTHON_VERSIONS.deprecated as readonly string[]).includes(minorVersion)) return 'deprecated';
  const [major, minor] = minorVersion.split('.').map(Number);
  return major < 3 || (major === 3 && minor < 10) ? 'end-of-life' : 'unknown';
}

export type VersionRequest = { version: string } | { invalid: string };

/** `.python-version`: one version line, `#` comments and blank lines allowed (as the buildpack reads it). */
export function parsePythonVersionFile(text: string): VersionRequest {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (lines.length === 0) return { invalid: 'it names no version' };
  if (lines.length > 1) return { invalid: `it names ${lines.length} versions` };
  if (!/^\d+\.\d+(\.\d+)?$/.test(lines[0])) return { invalid: `${JSON.stringify(lines[0])} is not of the form 3.14 or 3.14.7` };
  return { version: lines[0] };
}

/** runtime.txt (deprecated): `python-3.12` or `python-3.12.4`. */
export function parseRuntimeTxt(text: string): VersionRequest {
  const line = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const match = line.length === 1 ? /^python-(\d+\.\d+(\.\d+)?)$/.exec(line[0]) : null;
  return match ? { version: match[1] } : { invalid: 'it is not of the form python-3.14' };
}
