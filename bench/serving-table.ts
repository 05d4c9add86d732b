import type { Config } from './serving.js';
import type { LoadResult } from './wrk.js';

export interface ServingRow {
  config: Config;
  endpoint: string;
  /** wrk keeps connections alive; ab opens one per request. */
  tool: 'wrk' | 'ab';
  connections: number;
  slowClients: number;
  round: number;
  result: LoadResult;
}

/** One case over all its rounds: the median figures, the spread of req/s, every failed request. */
export interface ServingCase {
  config: Config;
  endpoint: string;
  tool: 'wrk' | 'ab';
  connections: number;
  slowClients: number;
  rounds: number;
  perSecond: number;
  lowest: number;
  highest: number;
  p99Ms: number;
  errors: number;
  /** The fewest requests a round completed (0: every connection stuck in some round). */
  fewestRequests: number;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export function servingCases(rows: ServingRow[]): ServingCase[] {
  const groups = new Map<string, ServingRow[]>();
  for (const row of rows) {
    const key = [row.config, row.endpoint, row.tool, row.connections, row.slowClients].join('|');
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  return [...groups.values()].map((group) => {
    const rates = group.map((row) => row.result.perSecond);
    // NaN (a round where nothing completed) sorts as the worst p99: the case's p99 is then NaN too.
    const p99s = group.map((row) => (Number.isNaN(row.result.p99Ms) ? Number.POSITIVE_INFINITY : row.result.p99Ms));
    const p99 = median(p99s);
    return {
      ...group[0],
      rounds: group.length,
      perSecond: median(rates),
      lowest: Math.min(...rates),
      highest: Math.max(...rates),
      p99Ms: Number.isFinite(p99) ? p99 : Number.NaN,
      errors: group.reduce((sum, row) => sum + row.result.errors, 0),
      fewestRequests: Math.min(...group.map((row) => row.result.requests)),
    };
  });
}

export function formatServingTable(cases: ServingCase[]): string {
  const header = ['config', 'endpoint', 'load', 'concurrency', 'slow clients', 'req/s (median)', 'req/s range', 'p99 ms (median)', 'errors'];
  const cells = cases.map((item) => [
    item.config,
    item.endpoint,
    item.tool === 'wrk' ? 'wrk keep-alive' : 'ab new conns',
    String(item.connections),
    String(item.slowClients),
    item.perSecond.toFixed(0),
    `${item.lowest.toFixed(0)}–${item.highest.toFixed(0)}`,
    milliseconds(item.p99Ms),
    // wrk counts a request that never ends as an error only after --timeout; within a short run it is just missing.
    item.fewestRequests === 0 ? `all ${item.connections} stuck` : String(item.errors),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column].length)));
  const line = (values: string[]) =>
    values.map((value, column) => (column >= 3 ? value.padStart(widths[column]) : value.padEnd(widths[column]))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

function milliseconds(value: number): string {
  return Number.isNaN(value) ? 'none done' : value.toFixed(1);
}

/**
 * "No endpoint slower than the sync config beyond noise": A's median may trail B's by the larger of 10 %
 * and B's own spread between rounds (what the same server varies by on this machine).
 */
function noiseAllowance(sync: ServingCase): number {
  return Math.max(0.1, (sync.highest - sync.lowest) / sync.perSecond);
}

/** The targets, one line each: what was compared, the figures, met or NOT met. */
export function servingTargets(cases: ServingCase[]): string[] {
  const find = (config: Config, like: ServingCase, slowClients = 0) =>
    cases.find(
      (item) =>
        item.config === config && item.endpoint === like.endpoint && item.tool === like.tool && item.connections === like.connections && item.slowClients === slowClients,
    );
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  const lines: string[] = [];
  const ours = cases.filter((item) => item.config === 'A gunicorn.conf.py');
  for (const item of ours.filter((candidate) => candidate.slowClients === 0)) {
    const what = `${item.endpoint} ${item.tool} c=${item.connections}`;
    const sync = find('B old sync', item);
    if (sync) {
      const ratio = item.perSecond / sync.perSecond;
      const allowed = 1 - noiseAllowance(sync);
      lines.push(`A vs B req/s, ${what}: ${ratio.toFixed(2)}× (noise allows ≥ ${allowed.toFixed(2)}×) — ${verdict(ratio >= allowed)}`);
    }
    // The issue measured the floor with ab (a connection per request); with keep-alive nginx is in another league.
    const floor = find('C nginx', item);
    if (floor) {
      const share = item.perSecond / floor.perSecond;
      const target = item.tool === 'ab' ? verdict(share >= 0.6) : 'for information';
      // The old sync line's share beside it: whether any gunicorn line here comes near nginx at all.
      const old = sync ? `; B ${(sync.perSecond / floor.perSecond).toFixed(2)}×` : '';
      lines.push(`A ≥ 0.6× nginx req/s, ${what}: ${share.toFixed(2)}×${old}, nginx ${floor.perSecond.toFixed(0)} req/s — ${target}`);
    }
  }
  for (const item of ours.filter((candidate) => candidate.slowClients > 0)) {
    // NaN (nothing completed) compares false: a server that answered nobody does not meet the target.
    const met = item.p99Ms <= 50 && item.errors === 0 && item.fewestRequests > 0;
    // The same load without slow clients: how much of the p99 is the load itself on this machine.
    const alone = find(item.config, item)?.p99Ms;
    const baseline = alone === undefined ? '' : `; without them ${milliseconds(alone)} ms`;
    lines.push(
      `A with ${item.slowClients} slow clients, ${item.endpoint} c=${item.connections}: p99 ${milliseconds(item.p99Ms)} ms (≤ 50${baseline}), ${item.errors} failed (0) — ${verdict(met)}`,
    );
  }
  return lines;
}
