import { connect, type Socket } from 'node:net';

/**
 * Clients on a slow network: each opens a connection to 127.0.0.1 and sends half a request, then
 * nothing more, until `release()` (or `maxMs`, whichever comes first) closes them all.
 */
export interface SlowClients {
  release(): void;
}

export async function holdSlowClients(port: number, count: number, maxMs: number): Promise<SlowClients> {
  const sockets: Socket[] = [];
  const release = () => {
    clearTimeout(timer);
    for (const socket of sockets) socket.destroy();
  };
  const timer = setTimeout(release, maxMs);
  timer.unref();
  await Promise.all(
    Array.from({ length: count }, () =>
      new Promise<void>((resolve, reject) => {
        const socket = connect({ host: '127.0.0.1', port }, () => {
          socket.write('GET /api/health/ HTTP/1.1\r\nHost: localhost\r\n');
          resolve();
        });
        // The server may close a connection it gave up on; that is its answer, not a bench failure.
        socket.on('error', () => undefined);
        socket.once('error', reject);
        sockets.push(socket);
      }),
    ),
  );
  // Give the server a moment to accept them, so they are holding something when the load starts.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { release };
}
