// `create-django-monorepo --help`: the bin's own paths and every subgenerator with its flags, from
// the same declarations the generators use (Yeoman's internal options are left out).
import { APP_SWITCHES, PROJECT_SWITCHES, YEOMAN_SWITCHES } from './command-line.js';
import { DEPLOY_FLAGS, DEPLOY_SWITCHES } from './deploy-flags.js';
import { HEROKU_FLAGS } from './heroku-flags.js';
import { PROJECT_OPTIONS } from './options.js';

interface Row {
  flag: string;
  text?: boolean;
  alias?: string;
  description: string;
}

const switches = (table: Record<string, { type: unknown; description: string; alias?: string }>): Row[] =>
  Object.entries(table).map(([flag, spec]) => ({ flag, text: spec.type === String, alias: spec.alias, description: spec.description }));

const answers: Row[] = PROJECT_OPTIONS.map((spec) => ({
  flag: spec.flag,
  text: true,
  description: `${spec.description} (default: ${spec.defaultHelp ?? spec.defaultFor({})})`,
}));
const layout: Row[] = Object.values(DEPLOY_FLAGS).map(({ flag, description }) => ({ flag, text: true, description }));

function section(title: string, rows: readonly Row[]): string {
  const left = rows.map((row) => `${row.alias ? `-${row.alias}, ` : ''}--${row.flag}${row.text ? ' <value>' : ''}`);
  const width = Math.max(...left.map((text) => text.length)) + 2;
  return [title, ...rows.map((row, i) => `  ${left[i].padEnd(width)}${row.description}`)].join('\n');
}

export function helpText(bin: string): string {
  return [
    `Usage: ${bin} [folder] [options]`,
    '',
    `Creates a Django API + Vite client monorepo, deployed as one Heroku app, in [folder] (default: the current`,
    `folder, when empty). In a folder that already holds a Django project, adds the deployment layer instead`,
    `(as yo django-monorepo:deploy).`,
    '',
    section('New project:', [...answers, ...switches(PROJECT_SWITCHES), ...switches(APP_SWITCHES), ...switches(YEOMAN_SWITCHES)]),
    '',
    section('Existing Django project (the retrofit):', [...layout, ...switches(DEPLOY_SWITCHES), ...switches({ force: YEOMAN_SWITCHES.force })]),
    '',
    section('Other:', [
      { flag: 'help', alias: 'h', description: 'Print this help' },
      { flag: 'version', alias: 'V', description: 'Print the version' },
    ]),
    '',
    'Subgenerators, run with yo (npm install -g yo generator-django-monorepo):',
    '  yo django-monorepo [folder]     the same as this command',
    '  yo django-monorepo:backend      only the Django project, with the stored answers (the new-project flags)',
    '  yo django-monorepo:client       only the Vite client, with the stored answers (the new-project flags)',
    '  yo django-monorepo:deploy       the deployment layer for an existing repo (the retrofit flags)',
    '  yo django-monorepo:eject [glob] copies built-in templates into .django-monorepo/templates/ to edit',
    '  yo django-monorepo:heroku       creates and configures the Heroku app, then deploys:',
    section('', switches(HEROKU_FLAGS)).replace(/^\n/, '').replace(/^ {2}/gm, '    '),
    '',
  ].join('\n');
}
