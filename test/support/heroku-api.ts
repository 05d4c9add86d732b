import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/**
 * A local stand-in of the Heroku Platform API (v3) with the state the `heroku` CLI reads and changes:
 * apps, buildpacks, add-ons, config vars, formation. It answers the particleboard `/account` call too.
 * Pushes do not come here: each app gets a bare repo in `gitRoot`, reached through git's `insteadOf`.
 */
export interface StandInApp {
  id: string;
  name: string;
  region: string;
  stack: string;
  team: string | null;
  webUrl: string;
  buildpacks: string[];
  addons: { id: string; name: string; service: string; plan: string; state: string }[];
  config: Record<string, string>;
  formation: Record<string, number>;
  releases: number;
}

export interface InjectedFailure {
  method: string;
  path: RegExp;
  status: number;
  id: string;
  message: string;
  /** How many requests fail; undefined = every one. */
  times?: number;
}

export interface HerokuStandIn {
  /** Base URL for HEROKU_HOST and HEROKU_PARTICLEBOARD_URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  apiKey: string;
  apps: Map<string, StandInApp>;
  /** Names another account owns: reading them answers 404, creating them 422. */
  takenNames: Set<string>;
  requests: { method: string; path: string }[];
  /** Every config var value ever set, to scan output for secrets afterwards. */
  configValuesSet: string[];
  gitRoot: string;
  inject(failure: InjectedFailure): void;
  /** Adds an app as if created earlier (bare repo included). */
  addApp(name: string, changes?: Partial<StandInApp>): StandInApp;
  close(): Promise<void>;
}

export const STAND_IN_EMAIL = 'dev@example.test';
const POSTGRES_PRICES: Record<string, number> = { 'essential-0': 500, 'essential-1': 950, 'essential-2': 2000 };

export async function startHerokuStandIn(options: { gitRoot: string; apiKey?: string }): Promise<HerokuStandIn> {
  const apps = new Map<string, StandInApp>();
  const failures: InjectedFailure[] = [];
  const standIn: HerokuStandIn = {
    url: '',
    apiKey: options.apiKey ?? 'stand-in-api-key-' + randomBytes(8).toString('hex'),
    apps,
    takenNames: new Set(),
    requests: [],
    configValuesSet: [],
    gitRoot: options.gitRoot,
    inject: (failure) => void failures.push({ ...failure }),
    addApp: (name, changes) => {
      const app = newApp(name, 'us', 'heroku-24', null, options.gitRoot);
      Object.assign(app, changes);
      apps.set(name, app);
      return app;
    },
    close: () => new Promise((done) => server.close(() => done())),
  };

  const server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const path = (request.url ?? '/').split('?')[0];
      standIn.requests.push({ method: request.method ?? 'GET', path });
      try {
        answer(standIn, failures, request, path, body ? JSON.parse(body) : {}, response);
      } catch (error) {
        send(response, 500, { id: 'internal', message: String(error) });
      }
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  standIn.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return standIn;
}

function newApp(name: string, region: string, stack: string, team: string | null, gitRoot: string): StandInApp {
  execFileSync('git', ['init', '--bare', '--quiet', join(gitRoot, `${name}.git`)]);
  return {
    id: randomUUID(),
    name,
    region,
    stack,
    team,
    // New apps get a hashed hostname, as Heroku does since 2023.
    webUrl: `https://${name}-${randomBytes(6).toString('hex')}.herokuapp.com/`,
    buildpacks: [],
    addons: [],
    config: {},
    formation: {},
    releases: 1,
  };
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function appJson(app: StandInApp) {
  return {
    id: app.id,
    name: app.name,
    region: { name: app.region },
    stack: { name: app.stack },
    build_stack: { name: app.stack },
    generation: 'cedar',
    team: app.team ? { name: app.team } : null,
    owner: { email: STAND_IN_EMAIL },
    web_url: app.webUrl,
    git_url: `https://git.heroku.com/${app.name}.git`,
    buildpack_provided_description: null,
    space: null,
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
}

function addonJson(app: StandInApp, addon: StandInApp['addons'][number]) {
  const cents = POSTGRES_PRICES[addon.plan.split(':')[1] ?? ''] ?? 0;
  return {
    id: addon.id,
    name: addon.name,
    app: { id: app.id, name: app.name },
    addon_service: { name: addon.service },
    plan: { name: addon.plan, price: { cents, unit: 'month' } },
    state: addon.state,
    config_vars: ['DATABASE_URL'],
    attachments: [],
    billing_entity: { name: app.name, type: 'app' },
  };
}

function answer(
  standIn: HerokuStandIn,
  failures: InjectedFailure[],
  request: IncomingMessage,
  path: string,
  body: Record<string, unknown>,
  response: ServerResponse,
): void {
  const method = request.method ?? 'GET';
  // The buildpack registry (HEROKU_BUILDPACK_REGISTRY_URL), which `buildpacks:add heroku/x` asks without a token.
  const registryName = method === 'GET' ? /^\/buildpacks\/([^/]+)$/.exec(path)?.[1] : undefined;
  if (registryName) return registryAnswer(decodeURIComponent(registryName), response);
  if (request.headers.authorization !== `Bearer ${standIn.apiKey}`) {
    return send(response, 401, { id: 'unauthorized', message: 'Invalid credentials provided.' });
  }
  const failure = failures.find((f) => f.method === method && f.path.test(path) && f.times !== 0);
  if (failure) {
    if (failure.times !== undefined) failure.times -= 1;
    return send(response, failure.status, { id: failure.id, message: failure.message });
  }
  if (path === '/account') return send(response, 200, { email: STAND_IN_EMAIL, id: 'account-1' });
  if (path === '/addon-attachments') return send(response, 200, []);
  if (method === 'POST' && (path === '/apps' || path === '/teams/apps')) return createApp(standIn, body, response);

  const match = /^\/apps\/([^/]+)(\/.*)?$/.exec(path);
  const app = match ? standIn.apps.get(match[1]) : undefined;
  if (!match || !app) return send(response, 404, { id: 'not_found', message: "Couldn't find that app.", resource: 'app' });
  const rest = match[2] ?? '';
  const route = `${method} ${rest}`;
  switch (route) {
    case 'GET ':
      return send(response, 200, appJson(app));
    case 'DELETE ':
      standIn.apps.delete(app.name);
      return send(response, 200, appJson(app));
    case 'GET /addons':
      return send(response, 200, app.addons.map((addon) => addonJson(app, addon)));
    case 'POST /addons':
      return createAddon(app, body, response);
    case 'GET /addon-attachments':
    case 'GET /collaborators':
      return send(response, 200, []);
    case 'GET /pipeline-couplings':
      return send(response, 404, { id: 'not_found', message: 'Not found.' });
    case 'GET /dynos':
      return send(
        response,
        200,
        Object.entries(app.formation).flatMap(([type, quantity]) =>
          Array.from({ length: quantity }, (_, i) => ({ type, name: `${type}.${i + 1}`, state: 'up', size: 'Basic' })),
        ),
      );
    case 'GET /formation':
      return send(response, 200, formationJson(app));
    case 'PATCH /formation':
      for (const update of (body.updates ?? []) as { type: string; quantity: string | number }[]) {
        app.formation[update.type] = Number(update.quantity);
      }
      return send(response, 200, formationJson(app));
    case 'GET /buildpack-installations':
      return send(response, 200, buildpacksJson(app));
    case 'PUT /buildpack-installations':
      app.buildpacks = ((body.updates ?? []) as { buildpack: string }[]).map((u) => u.buildpack);
      return send(response, 200, buildpacksJson(app));
    case 'GET /config-vars':
      return send(response, 200, app.config);
    case 'PATCH /config-vars':
      for (const [key, value] of Object.entries(body)) {
        if (value === null) delete app.config[key];
        else app.config[key] = String(value);
        if (value) standIn.configValuesSet.push(String(value));
      }
      app.releases += 1;
      return send(response, 200, app.config);
    case 'GET /releases':
      return send(response, 200, [{ version: app.releases, status: 'succeeded', description: 'Set config vars' }]);
    default:
      return send(response, 404, { id: 'not_found', message: `The stand-in does not know ${method} ${path}.` });
  }
}

function createApp(standIn: HerokuStandIn, body: Record<string, unknown>, response: ServerResponse): void {
  const name = typeof body.name === 'string' ? body.name : `app-${randomBytes(3).toString('hex')}`;
  if (standIn.apps.has(name) || standIn.takenNames.has(name)) {
    return send(response, 422, { id: 'invalid_params', message: 'Name is already taken' });
  }
  const region = typeof body.region === 'string' ? body.region : 'us';
  const stack = typeof body.stack === 'string' ? body.stack : 'heroku-24';
  const app = newApp(name, region, stack, typeof body.team === 'string' ? body.team : null, standIn.gitRoot);
  standIn.apps.set(name, app);
  send(response, 201, appJson(app));
}

function createAddon(app: StandInApp, body: Record<string, unknown>, response: ServerResponse): void {
  const plan = String((body.plan as { name?: string } | undefined)?.name ?? '');
  const [service] = plan.split(':');
  const addon = { id: randomUUID(), name: `${service.replace('heroku-', '')}-${randomBytes(3).toString('hex')}`, service, plan, state: 'provisioned' };
  app.addons.push(addon);
  if (service === 'heroku-postgresql') app.config.DATABASE_URL = `postgres://u:p@db.example.test:5432/${app.name}`;
  send(response, 201, addonJson(app, addon));
}

function formationJson(app: StandInApp) {
  return Object.entries(app.formation).map(([type, quantity]) => ({ type, quantity, size: 'Basic', app: { name: app.name } }));
}

function buildpacksJson(app: StandInApp) {
  return app.buildpacks.map((url, ordinal) => ({ buildpack: { url, name: url }, ordinal }));
}

/** Heroku's own buildpacks, as the registry describes them: the CLI sends `blob_url` to the Platform API. */
function registryAnswer(name: string, response: ServerResponse): void {
  const [namespace, buildpack] = name.split('/');
  if (namespace !== 'heroku' || !buildpack) return send(response, 404, { id: 'not_found', message: `${name} is not in the buildpack registry.` });
  send(response, 200, { name, namespace, blob_url: `https://buildpack-registry.s3.amazonaws.com/buildpacks/${name}.tgz` });
}
