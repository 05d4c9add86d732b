import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BEHIND_ROUTER, probe, waitForAnswer } from '../test/support/http-probe.js';
import { procfileCommand } from '../test/support/procfile.js';
import { freePort, killAllStarted, startService, type Service } from '../test/support/processes.js';
import { ab } from './ab.js';
import { startNginx, type StaticServer } from './nginx.js';
import { prepareProject } from './served-project.js';
import type { ServingRow } from './serving-table.js';
import { holdSlowClients } from './slow-clients.js';
import { wrk } from './wrk.js';

/**
 * Issue 13's benchmark: the generated app's web line (A, gunicorn.conf.py) against the sync line it
 * replaced (B) and nginx on the same collected files (C, hashed asset only), under bounded wrk load
 * (keep-alive) and ab (a connection per request, as the issue measured the nginx floor), then with 4 slow
 * clients holding connections open. Every case runs `rounds` times, configs alternating within a round, so
 * the table can show each figure's spread: on a shared machine that spread is the noise.
 */
export type Config = 'A gunicorn.conf.py' | 'B old sync' | 'C nginx';
const A: Config = 'A gunicorn.conf.py';
const B: Config = 'B old sync';
const C: Config = 'C nginx';
const CONCURRENCIES = [20, 50];
const SLOW_CLIENTS = 4;
const AB_REQUESTS = 2000;

// A hard exit (a second Ctrl-C, an uncaught error) still ends every server's process group.
process.on('exit', killAllStarted);

export async function benchServing(seconds: number, rounds: number): Promise<ServingRow[]> {
  const project = await prepareProject();
  const servers: Array<Service | StaticServer> = [];
  try {
    const ports = new Map<Config, number>();
    for (const config of [A, B]) {
      const port = await freePort();
      // As on a dyno: the Python buildpack's profile.d sets GUNICORN_CMD_ARGS="--access-logfile -" (both
      // configs log every request there); the bind to 127.0.0.1 replaces gunicorn.conf.py's [::] for this run.
      const env = { ...project.env, PORT: String(port), WEB_CONCURRENCY: '2', GUNICORN_CMD_ARGS: `--access-logfile - --bind 127.0.0.1:${port}` };
      const [command, args] =
        config === A
          ? procfileCommand(project.procfile, 'web', env)
          : ['gunicorn', ['--pythonpath', 'backend', 'app.wsgi', '--preload', '--log-file', '-']];
      const web = startService(command, args, { cwd: project.dir, env });
      servers.push(web);
      await waitForAnswer(web, port, '/api/health/');
      ports.set(config, port);
    }
    const asset = hashedAsset(project.staticRoot);
    const nginxPort = await freePort();
    const nginx = startNginx(project.staticRoot, nginxPort);
    servers.push(nginx);
    await waitForAnswer(nginx.service, nginxPort, asset);
    ports.set(C, nginxPort);

    const endpoints = ['/', asset, '/api/health/'];
    const configsFor = (path: string): Config[] => (path === asset ? [A, B, C] : [A, B]);
    for (const path of endpoints) {
      for (const config of configsFor(path)) await expectOk(ports.get(config)!, path, config);
    }
    // Warm-up, not recorded: imports, connection pools and page caches settle before the first figure.
    for (const path of endpoints) {
      for (const config of configsFor(path)) await wrk({ port: ports.get(config)!, path, connections: 20, seconds: 1 });
    }

    const rows: ServingRow[] = [];
    const label = (path: string) => (path === asset ? 'hashed asset' : path);
    for (let round = 1; round <= rounds; round += 1) {
      for (const connections of CONCURRENCIES) {
        for (const path of endpoints) {
          for (const config of configsFor(path)) {
            const result = await wrk({ port: ports.get(config)!, path, connections, seconds });
            rows.push({ config, endpoint: label(path), tool: 'wrk', connections, slowClients: 0, round, result });
          }
        }
        for (const config of configsFor(asset)) {
          const result = await ab({ port: ports.get(config)!, path: asset, connections, requests: AB_REQUESTS });
          rows.push({ config, endpoint: label(asset), tool: 'ab', connections, slowClients: 0, round, result });
        }
      }
      for (const path of endpoints) {
        for (const config of [A, B]) {
          const port = ports.get(config)!;
          const slow = await holdSlowClients(port, SLOW_CLIENTS, (seconds + 10) * 1000);
          try {
            const result = await wrk({ port, path, connections: 20, seconds });
            rows.push({ config, endpoint: label(path), tool: 'wrk', connections: 20, slowClients: SLOW_CLIENTS, round, result });
          } finally {
            slow.release();
          }
        }
      }
    }
    return rows;
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await project.stop();
  }
}

/** The content-hashed script the built page loads, as its index.html names it: what a browser requests. */
function hashedAsset(staticRoot: string): string {
  const page = readFileSync(join(staticRoot, 'index.html'), 'utf8');
  const script = /["'](\/static\/assets\/[^"']+\.js)["']/.exec(page)?.[1];
  if (!script) throw new Error(`${join(staticRoot, 'index.html')} loads no script from /static/assets/: did the client build run before collectstatic?`);
  return script;
}

async function expectOk(port: number, path: string, config: Config): Promise<void> {
  const response = await probe(port, path, BEHIND_ROUTER);
  if (response.status !== 200) throw new Error(`${config} answers ${path} with ${response.status}, not 200`);
}
