import type { DetectedLayout } from '../detect/types.js';
import { TOOL_NAMES } from './retrofit-client.js';
import type { RetrofitPlan } from './retrofit.js';

const folder = (dir: string): string => `${dir || '.'}/`;

/** The detected layout as a short table: what was found, and the flag that changes it. */
export function formatLayout(layout: DetectedLayout): string {
  const { backend, client, pythonDeps, existing, python } = layout;
  const present = [
    existing.procfile && 'Procfile',
    existing.buildpacks && '.buildpacks',
    existing.appJson && 'app.json',
    existing.runtimeTxt,
    existing.pythonVersionFile,
    existing.herokuSettings && backend.herokuSettings.file,
    ...existing.docker,
  ].filter(Boolean);
  const rows: Array<[string, string, string]> = [
    ['Django project', `${folder(backend.dir)} (manage.py)`, '--backend'],
    [
      'settings',
      backend.namedSettings === backend.settingsModule
        ? `${backend.settingsModule} (from ${backend.settingsSource})`
        : `${backend.settingsModule} (base of ${backend.namedSettings}, from ${backend.settingsSource})`,
      '--settings',
    ],
    ['urls', backend.urlconf, '--urlconf'],
    ['WSGI', `${backend.wsgiPackage}.wsgi`, ''],
    ['dependencies', `${pythonDeps.file} (${pythonDeps.kind})${backend.djangoVersion ? `, Django ${backend.djangoVersion.replace(/\.99$/, '.x')}` : ''}`, ''],
    ['client', client ? `${folder(client.dir)} (${TOOL_NAMES[client.tool]}, ${client.packageManager})` : 'none (API only)', '--client'],
    ...(client ? [['client build', folder(client.dist), '--client-dist'] as [string, string, string]] : []),
    ['Python', `${python.version} (${python.source})`, '--python'],
    ['already there', present.length > 0 ? present.join(', ') : 'nothing', ''],
  ];
  const width = Math.max(...rows.filter(([, , flag]) => flag).map(([, value]) => value.length));
  return rows.map(([name, value, flag]) => `  ${name.padEnd(15)}${flag ? `${value.padEnd(width)}  ${flag}` : value}`).join('\n');
}

const ACTION_LABELS = { create: 'create', update: 'update', 'add-lines': 'add to' } as const;

/** The plan as the user reviews it before confirming. */
export function formatPlan(plan: RetrofitPlan): string {
  const lines: string[] = [];
  for (const change of plan.changes) lines.push(`  ${ACTION_LABELS[change.action].padEnd(7)} ${change.path}  (${change.why})`);
  for (const kept of plan.kept) lines.push(`  keep    ${kept.path}  (${kept.why})`);
  if (lines.length === 0) lines.push('  nothing to change: the deployment layer is in place');
  for (const finding of plan.findings) lines.push(`  Heroku's build: ${finding}`);
  return lines.join('\n');
}
