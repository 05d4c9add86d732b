import { request, type IncomingHttpHeaders } from 'node:http';
import type { Service } from './processes.js';
import { tail } from './processes.js';

/**
 * HTTP probes against a server on 127.0.0.1. Bodies stay as sent (no automatic decompression), so a
 * test can check Content-Encoding and decompress itself.
 */
export interface ProbeResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  json(): unknown;
}

/** What Heroku's router adds to every request it forwards: the app's host and the original scheme. */
export const BEHIND_ROUTER = { Host: 'localhost', 'X-Forwarded-Proto': 'https' } as const;

export function probe(port: number, path: string, headers: Record<string, string> = {}): Promise<ProbeResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'GET', headers: { Host: 'localhost', ...headers }, timeout: 15_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: () => body.toString('utf8'),
            json: () => JSON.parse(body.toString('utf8')) as unknown,
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${path}: no answer within 15 s`)));
    req.on('error', reject);
    req.end();
  });
}

/** Polls until the server answers anything at `path`; fails early if the process exits. */
export async function waitForAnswer(service: Service, port: number, path: string, timeoutMs = 30_000): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (service.hasExited()) throw new Error(`the server exited before answering:\n${tail(service.output())}`);
    try {
      await probe(port, path, BEHIND_ROUTER);
      return performance.now() - started;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`no answer at ${path} within ${timeoutMs} ms:\n${tail(service.output())}`);
}
