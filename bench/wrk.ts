import { run } from './processes.js';

/** What one bounded wrk run reports: throughput, the 99th percentile and every failed request. */
export interface LoadResult {
  requests: number;
  perSecond: number;
  /** NaN when no request completed (wrk then prints a distribution of nothing). */
  p99Ms: number;
  /** Non-2xx/3xx responses plus socket errors (connect, read, write, timeout). */
  errors: number;
}

export interface LoadOptions {
  port: number;
  path: string;
  connections: number;
  seconds: number;
}

// As behind Heroku's router: the app's host (ALLOWED_HOSTS) and https (SECURE_SSL_REDIRECT stays quiet).
const ROUTER_HEADERS = ['Host: localhost', 'X-Forwarded-Proto: https'];

export async function wrk(options: LoadOptions): Promise<LoadResult> {
  const args = ['--latency', '-t', '2', '-c', String(options.connections), '-d', `${options.seconds}s`, '--timeout', '2s'];
  for (const header of ROUTER_HEADERS) args.push('-H', header);
  args.push(`http://127.0.0.1:${options.port}${options.path}`);
  return parseWrk((await run('/usr/bin/wrk', args)).stdout);
}

const MS_PER_UNIT: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

export function parseWrk(output: string): LoadResult {
  const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? 0);
  const p99 = /^\s*99%\s+([\d.]+)(us|ms|s|m)\b/m.exec(output);
  const perSecond = /Requests\/sec:\s+([\d.]+)/.exec(output);
  if (!p99 || !perSecond) throw new Error(`wrk printed no latency distribution:\n${output.slice(-1000)}`);
  const sockets = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  const socketErrors = sockets ? sockets.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0;
  const requests = number(/(\d+) requests in/);
  return {
    requests,
    perSecond: Number(perSecond[1]),
    p99Ms: requests === 0 ? Number.NaN : Number(p99[1]) * MS_PER_UNIT[p99[2]],
    errors: number(/Non-2xx or 3xx responses: (\d+)/) + socketErrors,
  };
}
