import { run } from './processes.js';
import type { LoadResult } from './wrk.js';

/**
 * One ApacheBench run: a fixed number of requests, a new connection for each (no keep-alive), as the
 * issue measured the nginx floor. Headers as behind Heroku's router.
 */
export async function ab(options: { port: number; path: string; connections: number; requests: number }): Promise<LoadResult> {
  const args = ['-q', '-n', String(options.requests), '-c', String(options.connections), '-s', '10', '-H', 'Host: localhost', '-H', 'X-Forwarded-Proto: https'];
  args.push(`http://127.0.0.1:${options.port}${options.path}`);
  return parseAb((await run('/usr/bin/ab', args)).stdout);
}

export function parseAb(output: string): LoadResult {
  const number = (pattern: RegExp) => Number(pattern.exec(output)?.[1] ?? 0);
  const perSecond = /Requests per second:\s+([\d.]+)/.exec(output);
  const p99 = /^\s*99%\s+(\d+)/m.exec(output);
  if (!perSecond || !p99) throw new Error(`ab printed no summary:\n${output.slice(-1000)}`);
  const requests = number(/Complete requests:\s+(\d+)/);
  return {
    requests,
    perSecond: Number(perSecond[1]),
    p99Ms: requests === 0 ? Number.NaN : Number(p99[1]),
    errors: number(/Failed requests:\s+(\d+)/) + number(/Non-2xx responses:\s+(\d+)/),
  };
}
