import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { POSTGRES_BIN } from './prerequisites.js';
import { freePort, runChecked, runCommand, startService, tail, type Service } from './processes.js';

/**
 * A throwaway PostgreSQL server: its own data dir, port and socket dir, listening on 127.0.0.1 only,
 * trust authentication, durability off (it lives for one test run). Like Heroku's databases it
 * accepts TCP connections only over SSL (a self-signed certificate made for the run), so an app that
 * would connect without SSL fails here as it would there. PostgreSQL refuses to run as root, so as
 * root the server runs as the `postgres` user in a folder that user owns.
 */
export interface PostgresServer {
  port: number;
  /** A DATABASE_URL for one database on this server. */
  url(database: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

function asServerUser(command: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export async function startPostgres(): Promise<PostgresServer> {
  const root = mkdtempSync(join(tmpdir(), 'e2e-postgres-'));
  const dataDir = join(root, 'data');
  const socketDir = join(root, 'socket');
  const tlsDir = join(root, 'tls');
  mkdirSync(socketDir);
  mkdirSync(tlsDir);
  const env = { ...process.env, LC_ALL: 'C.UTF-8' };
  await runChecked(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1'].concat([
      '-keyout',
      join(tlsDir, 'server.key'),
      '-out',
      join(tlsDir, 'server.crt'),
    ]),
    { cwd: root, env, timeoutMs: 30_000 },
  );
  chmodSync(join(tlsDir, 'server.key'), 0o600);
  // Sockets in the socket dir for the server's own tools; TCP only with SSL.
  writeFileSync(
    join(tlsDir, 'pg_hba.conf'),
    'local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostnossl all all 127.0.0.1/32 reject\n',
  );
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    for (const path of [
      root,
      socketDir,
      tlsDir,
      ...['server.key', 'server.crt', 'pg_hba.conf'].map((f) => join(tlsDir, f)),
    ]) {
      chownSync(path, uid, gid);
    }
  }
  let server: Service | undefined;
  try {
    await runChecked(
      ...asServerUser(join(POSTGRES_BIN, 'initdb'), [
        '-D',
        dataDir,
        '-U',
        'postgres',
        '--auth=trust',
        '--encoding=UTF8',
        '--no-sync',
      ]),
      { cwd: root, env, timeoutMs: 60_000 },
    );
    const port = await freePort();
    // postgres itself rather than pg_ctl: one process group to stop, options as an argument array.
    server = startService(
      ...asServerUser(join(POSTGRES_BIN, 'postgres'), [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        socketDir,
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'ssl=on',
        '-c',
        `ssl_cert_file=${join(tlsDir, 'server.crt')}`,
        '-c',
        `ssl_key_file=${join(tlsDir, 'server.key')}`,
        '-c',
        `hba_file=${join(tlsDir, 'pg_hba.conf')}`,
        '-c',
        'fsync=off',
        '-c',
        'synchronous_commit=off',
        '-c',
        'full_page_writes=off',
      ]),
      { cwd: root, env },
    );
    await waitUntilReady(server, port, env);
    const running = server;
    return {
      port,
      url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
      async createDatabase(name) {
        await runChecked(
          join(POSTGRES_BIN, 'createdb'),
          ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', name],
          {
            cwd: root,
            env,
            timeoutMs: 30_000,
          },
        );
      },
      async stop() {
        try {
          // SIGINT is PostgreSQL's fast shutdown: sessions are ended, no waiting for clients.
          await running.stop('SIGINT', 15_000);
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    await server?.stop('SIGINT', 5_000);
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

async function waitUntilReady(server: Service, port: number, env: NodeJS.ProcessEnv): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (server.hasExited()) throw new Error(`postgres exited while starting:\n${tail(server.output())}`);
    const probe = await runCommand(join(POSTGRES_BIN, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)], {
      cwd: tmpdir(),
      env,
      timeoutMs: 5_000,
    });
    if (probe.code === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`postgres did not accept connections within 30 s:\n${tail(server.output())}`);
}
