import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type Service } from '../test/support/processes.js';

export const NGINX = '/usr/sbin/nginx';

/** Debian's nginx serving `staticRoot` at /static/ on 127.0.0.1: the floor for static files. */
export interface StaticServer {
  service: Service;
  stop(): Promise<void>;
}

export function startNginx(staticRoot: string, port: number): StaticServer {
  const dir = mkdtempSync(join(tmpdir(), 'bench-nginx-'));
  const conf = join(dir, 'nginx.conf');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${join(dir, name)};`);
  writeFileSync(
    conf,
    [
      // As root, workers would switch to nobody, who cannot read the bench's private temp folders.
      process.getuid?.() === 0 ? 'user root;' : '',
      'daemon off;',
      'worker_processes 2;',
      `pid ${join(dir, 'nginx.pid')};`,
      `error_log ${join(dir, 'error.log')} warn;`,
      'events { worker_connections 1024; }',
      'http {',
      '  include /etc/nginx/mime.types;',
      '  access_log off;',
      '  sendfile on;',
      '  keepalive_timeout 95s;',
      ...temp,
      `  server { listen 127.0.0.1:${port}; location /static/ { alias ${staticRoot}/; } }`,
      '}',
      '',
    ].join('\n'),
  );
  const service = startService(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', conf], { cwd: dir, env: process.env });
  return {
    service,
    async stop() {
      try {
        await service.stop('SIGQUIT', 5_000);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
