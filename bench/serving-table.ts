import type { Config } from './serving.js';
import type { LoadResult } from './wrk.js';

export interface ServingRow {
  config: Config;
  endpoint: string;
  connections: number;
  slowClients: number;
  result: LoadResult;
}

export function formatServingTable(rows: ServingRow[]): string {
  const header = ['config', 'endpoint', 'concurrency', 'slow clients', 'requests', 'req/s', 'p99 ms', 'errors'];
  const cells = rows.map((row) => [
    row.config,
    row.endpoint,
    String(row.connections),
    String(row.slowClients),
    String(row.result.requests),
    row.result.perSecond.toFixed(0),
    milliseconds(row.result.p99Ms),
    // wrk counts a request that never ends as an error only after --timeout; within a short run it is just missing.
    row.result.requests === 0 ? `all ${row.connections} stuck` : String(row.result.errors),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...cells.map((line) => line[column].length)));
  const line = (values: string[]) =>
    values.map((value, column) => (column >= 2 ? value.padStart(widths[column]) : value.padEnd(widths[column]))).join('  ');
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...cells.map(line)].join('\n');
}

function milliseconds(value: number): string {
  return Number.isNaN(value) ? 'none done' : value.toFixed(1);
}

/** Noise allowance for "no endpoint slower than the sync config": A may trail B by up to 10 %. */
const NOISE = 0.9;

/** The targets, one line each: what was compared, the figures, met or NOT met. */
export function servingTargets(rows: ServingRow[]): string[] {
  const find = (config: Config, endpoint: string, connections: number, slowClients = 0) =>
    rows.find((row) => row.config === config && row.endpoint === endpoint && row.connections === connections && row.slowClients === slowClients);
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  const lines: string[] = [];
  for (const row of rows.filter((candidate) => candidate.config === 'A gunicorn.conf.py' && candidate.slowClients === 0)) {
    const sync = find('B old sync', row.endpoint, row.connections);
    if (!sync) continue;
    const ratio = row.result.perSecond / sync.result.perSecond;
    lines.push(`A ≥ ${NOISE}× B req/s, ${row.endpoint} c=${row.connections}: ${ratio.toFixed(2)}× — ${verdict(ratio >= NOISE)}`);
    const floor = find('C nginx', row.endpoint, row.connections);
    if (floor) {
      const share = row.result.perSecond / floor.result.perSecond;
      lines.push(`A ≥ 0.6× nginx req/s, ${row.endpoint} c=${row.connections}: ${share.toFixed(2)}× — ${verdict(share >= 0.6)}`);
    }
  }
  for (const row of rows.filter((candidate) => candidate.config === 'A gunicorn.conf.py' && candidate.slowClients > 0)) {
    const { p99Ms, errors, requests } = row.result;
    // NaN (nothing completed) compares false: a server that answered nobody does not meet the target.
    const met = p99Ms <= 50 && errors === 0 && requests > 0;
    // The same load without slow clients: how much of the p99 is the load itself on this machine.
    const alone = find(row.config, row.endpoint, row.connections)?.result.p99Ms;
    const baseline = alone === undefined ? '' : `; without them ${milliseconds(alone)} ms`;
    lines.push(
      `A with ${row.slowClients} slow clients, ${row.endpoint} c=${row.connections}: p99 ${milliseconds(p99Ms)} ms (≤ 50${baseline}), ${errors} failed (0) — ${verdict(met)}`,
    );
  }
  return lines;
}
