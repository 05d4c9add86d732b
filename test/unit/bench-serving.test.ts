import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAb } from '../../bench/ab.js';
import { servingCases, servingTargets, type ServingRow } from '../../bench/serving-table.js';
import type { LoadResult } from '../../bench/wrk.js';

const result = (perSecond: number, p99Ms = 10, errors = 0, requests = 1000): LoadResult => ({ perSecond, p99Ms, errors, requests });
const row = (config: ServingRow['config'], perSecond: number, round: number, extra: Partial<ServingRow> = {}): ServingRow => ({
  config,
  endpoint: '/',
  tool: 'wrk',
  connections: 20,
  slowClients: 0,
  round,
  result: result(perSecond),
  ...extra,
});

describe('the serving benchmark figures', () => {
  it("reads ab's summary: req/s, the 99th percentile, failed and non-2xx requests", () => {
    const output = readFileSync(new URL('../fixtures/bench/ab-output.txt', import.meta.url), 'utf8');
    expect(parseAb(output)).toEqual({ requests: 200, perSecond: 314.35, p99Ms: 48, errors: 0 });
    const failing = output.replace('Failed requests:        0', 'Failed requests:        3\nNon-2xx responses:      2');
    expect(parseAb(failing).errors).toBe(5);
    expect(() => parseAb('apr_socket_recv: Connection refused (111)')).toThrow(/no summary/);
  });

  it('gives each case the median of its rounds and their spread', () => {
    const [sync] = servingCases([row('B old sync', 900, 1), row('B old sync', 1000, 2), row('B old sync', 1200, 3)]);
    expect(sync).toMatchObject({ rounds: 3, perSecond: 1000, lowest: 900, highest: 1200 });
  });

  it("allows A to trail B by B's own spread between rounds, never less than 10 %", () => {
    const rows = [1, 2, 3].flatMap((round) => [row('A gunicorn.conf.py', [850, 860, 870][round - 1], round), row('B old sync', [700, 1000, 1300][round - 1], round)]);
    expect(servingTargets(servingCases(rows))[0]).toMatch(/0\.86× \(noise allows ≥ 0\.40×\) — met/);
    const steady = [1, 2, 3].flatMap((round) => [row('A gunicorn.conf.py', 850, round), row('B old sync', 1000, round)]);
    expect(servingTargets(servingCases(steady))[0]).toMatch(/0\.85× \(noise allows ≥ 0\.90×\) — NOT met/);
  });

  it('judges the nginx floor on ab (a connection per request) only, and a stuck round fails the slow-client target', () => {
    const ab = { endpoint: 'hashed asset', tool: 'ab' as const };
    const rows = [
      row('A gunicorn.conf.py', 700, 1, ab),
      row('C nginx', 1000, 1, ab),
      row('B old sync', 800, 1, { ...ab, config: 'B old sync' }),
      row('A gunicorn.conf.py', 700, 1, { endpoint: 'hashed asset' }),
      row('C nginx', 9000, 1, { endpoint: 'hashed asset' }),
      row('A gunicorn.conf.py', 500, 1, { slowClients: 4, result: result(0, Number.NaN, 0, 0) }),
      row('A gunicorn.conf.py', 500, 2, { slowClients: 4 }),
    ];
    const targets = servingTargets(servingCases(rows));
    expect(targets).toContain('A ≥ 0.6× nginx req/s, hashed asset wrk c=20: 0.08×, nginx 9000 req/s — for information');
    expect(targets.find((line) => line.includes('slow clients'))).toMatch(/NOT met$/);
    expect(targets).toContain('A ≥ 0.6× nginx req/s, hashed asset ab c=20: 0.70×; B 0.80×, nginx 1000 req/s — met');
  });
});
