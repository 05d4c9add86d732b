// Maintainer script, not a test: asks PyPI, the npm registry and GitHub for the newest version of every
// pin in lib/versions.ts and lib/client-versions.ts, and prints the ones that are behind.
// Run with `npm run outdated-pins`. It only reads; updating a pin stays a reviewed change.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { CLIENT_PACKAGES } from '../lib/client-versions.js';
import { BUILDPACKS, PYTHON_PACKAGES } from '../lib/versions.js';

interface Pin {
  registry: 'PyPI' | 'npm' | 'GitHub';
  name: string;
  pinned: string;
  /** Where it is pinned, for the maintainer who updates it. */
  where: string;
}

interface Newest {
  /** Newest release with the pin's major (for Django: its major.minor, the LTS line). */
  sameLine: string | null;
  newest: string | null;
}

/** Why a pin stays on its line although a newer line exists; such pins are listed, not counted as behind. */
const HELD_LINES: Record<string, string> = {
  Django: 'the pin follows the Django LTS line',
  '@types/node': "it follows the client's Node.js major",
  typescript: "vue-tsc and svelte-check use TypeScript 6's JS API",
};

const numbers = (version: string) => version.split('.').map((part) => Number.parseInt(part, 10));
const isRelease = (version: string) => /^\d+(\.\d+)*$/.test(version);

function compareVersions(a: string, b: string): number {
  const [x, y] = [numbers(a), numbers(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The newest final release overall and within the pin's line (major, or major.minor for `lineDepth` 2). */
function newestOf(versions: readonly string[], pinned: string, lineDepth: number): Newest {
  const releases = versions.filter(isRelease).sort(compareVersions);
  const line = numbers(pinned).slice(0, lineDepth).join('.');
  const inLine = releases.filter((version) => numbers(version).slice(0, lineDepth).join('.') === line);
  return { sameLine: inLine.at(-1) ?? null, newest: releases.at(-1) ?? null };
}

function collectPins(): Pin[] {
  const pins: Pin[] = Object.values(PYTHON_PACKAGES).map(({ name, version }) => ({
    registry: 'PyPI',
    name: name.replace(/\[.*\]$/, ''),
    pinned: version,
    where: 'lib/versions.ts',
  }));
  const npm = new Map<string, Set<string>>();
  for (const packages of Object.values(CLIENT_PACKAGES)) {
    for (const [name, version] of Object.entries({ ...packages.dependencies, ...packages.devDependencies })) {
      npm.set(name, (npm.get(name) ?? new Set()).add(version));
    }
  }
  for (const [name, versions] of npm) {
    for (const pinned of versions) pins.push({ registry: 'npm', name, pinned, where: 'lib/client-versions.ts' });
  }
  const [repo, commit] = BUILDPACKS.subdir.split('#');
  pins.push({ registry: 'GitHub', name: repo, pinned: commit, where: 'lib/versions.ts BUILDPACKS.subdir' });
  return pins;
}

async function getJson(url: string, accept = 'application/json'): Promise<unknown> {
  const response = await fetch(url, { headers: { accept } });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return response.json();
}

async function newestVersion(pin: Pin): Promise<Newest> {
  if (pin.registry === 'PyPI') {
    const data = (await getJson(`https://pypi.org/pypi/${encodeURIComponent(pin.name)}/json`)) as { releases: Record<string, unknown[]> };
    // Django's LTS line is major.minor (5.2); the other packages keep compatibility within a major.
    const withFiles = Object.entries(data.releases).filter(([, files]) => files.length > 0).map(([version]) => version);
    return newestOf(withFiles, pin.pinned, pin.name === 'Django' ? 2 : 1);
  }
  if (pin.registry === 'npm') {
    const data = (await getJson(`https://registry.npmjs.org/${pin.name.replace('/', '%2F')}`, 'application/vnd.npm.install-v1+json')) as {
      versions: Record<string, unknown>;
    };
    return newestOf(Object.keys(data.versions), pin.pinned, 1);
  }
  // A pinned commit is behind when the default branch has moved past it.
  const { stdout } = await promisify(execFile)('git', ['ls-remote', `${pin.name}.git`, 'HEAD'], { timeout: 30_000 });
  const head = stdout.split(/\s/)[0] || null;
  return { sameLine: head, newest: head };
}

async function main(): Promise<void> {
  const pins = collectPins();
  const results = await Promise.all(
    pins.map(async (pin) => {
      try {
        return { pin, newest: await newestVersion(pin) };
      } catch (error) {
        return { pin, error: (error as Error).message };
      }
    }),
  );
  const behind: string[] = [];
  const holds: string[] = [];
  const failed: string[] = [];
  for (const result of results) {
    const { pin } = result;
    if ('error' in result) {
      failed.push(`${pin.registry} ${pin.name}: ${result.error}`);
      continue;
    }
    const { sameLine, newest } = result.newest;
    if (pin.registry === 'GitHub') {
      if (newest && newest !== pin.pinned) behind.push(`${pin.name}  ${pin.pinned.slice(0, 12)} → ${newest.slice(0, 12)} (default branch HEAD)  [${pin.where}]`);
      continue;
    }
    const label = `${pin.registry} ${pin.name}  ${pin.pinned}`;
    if (sameLine && compareVersions(sameLine, pin.pinned) > 0) behind.push(`${label} → ${sameLine}  [${pin.where}]`);
    if (newest && newest !== sameLine && compareVersions(newest, pin.pinned) > 0) {
      const held = HELD_LINES[pin.name];
      if (held) holds.push(`${label}: newer line ${newest} (held: ${held})`);
      else behind.push(`${label} → ${newest} (a new major)  [${pin.where}]`);
    }
  }
  console.log(`Checked ${pins.length} pins.`);
  console.log(behind.length === 0 ? 'Every pin is the newest release.' : `${behind.length} behind:\n  ${behind.join('\n  ')}`);
  if (holds.length > 0) console.log(`Held on purpose:\n  ${holds.join('\n  ')}`);
  if (failed.length > 0) {
    console.log(`Could not check ${failed.length}:\n  ${failed.join('\n  ')}`);
    process.exitCode = 1;
  }
}

await main();
