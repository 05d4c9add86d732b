// The flags of the retrofit (`:deploy`), declared once: the generator declares them, the bin forwards
// them when it finds a Django project, and --help lists them.
import type { LayoutChoices } from './detect/index.js';
import { projectFolder, type Rule } from './names.js';
import { pythonVersion } from './options.js';

const dotted: Rule = (value) => (/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(value) ? undefined : 'must be a dotted Python module like config.settings');
// Build output may be a dot-folder (Nuxt's .output/public); it only has to stay inside the client.
// It may also be beside the client (`../static`): detection checks that it stays inside the repo.
const insideFolder: Rule = (value) =>
  value.startsWith('/') || /^[A-Za-z]:/.test(value) || value.split(/[\\/]/).some((part) => part === '')
    ? 'must be a relative path (from the client folder) to a folder inside the repo'
    : undefined;
const folderOrRoot: Rule = (value) => (value === '.' ? undefined : projectFolder(value));

export interface DeployFlag {
  flag: string;
  description: string;
  rule: Rule;
}

/** Every detected value has a flag; the rule checks it before anything is read. */
export const DEPLOY_FLAGS: Record<Exclude<keyof LayoutChoices, 'replacePipeline' | 'deployLayout'>, DeployFlag> = {
  backendDir: { flag: 'backend', description: 'Folder of manage.py (. for the repo root)', rule: folderOrRoot },
  settings: { flag: 'settings', description: 'Your settings module that production builds on, e.g. config.settings', rule: dotted },
  urlconf: { flag: 'urlconf', description: 'Your root urls module, e.g. config.urls', rule: dotted },
  herokuSettings: { flag: 'heroku-settings', description: 'The production settings module to add (default <pkg>.settings.heroku or <pkg>.heroku_settings)', rule: dotted },
  clientDir: { flag: 'client', description: 'Folder of the client package.json (. for the root, none for API only)', rule: (v) => (v === 'none' ? undefined : folderOrRoot(v)) },
  clientDist: { flag: 'client-dist', description: "The client's build output, relative to the client folder (may be ../static, inside the repo)", rule: insideFolder },
  postbuild: { flag: 'postbuild', description: 'heroku-postbuild command (a build emitting assets under /static/)', rule: (v) => (v.trim() ? undefined : 'must not be empty') },
  python: { flag: 'python', description: 'Python version for .python-version (major.minor)', rule: pythonVersion },
};

/** The switches and texts `:deploy` takes besides its layout flags. */
export const DEPLOY_SWITCHES = {
  templates: { type: String, description: 'Folder of template overrides, looked up before .django-monorepo/templates and the built-ins' },
  'replace-pipeline': {
    type: Boolean,
    description: 'Switch a repo that already deploys to Heroku another way (root heroku-postbuild, official buildpacks in app.json, bin/post_compile) to this layout',
  },
  buildpacks: {
    type: String,
    description: "Deployment layout: subdir (.buildpacks + heroku-buildpack-subdir) or official (Heroku's heroku/nodejs + heroku/python at the root; proposed where the repo already deploys that way)",
  },
  yes: { type: Boolean, alias: 'y', description: 'Accept the detected layout and the plan without asking' },
} as const;

/** Checks given layout flags (by flag name) and returns them as layout choices; throws the one-line error. */
export function deployChoices(given: (flag: string) => unknown): LayoutChoices {
  const choices: Record<string, string> = {};
  for (const [name, { flag, rule }] of Object.entries(DEPLOY_FLAGS)) {
    const value = given(flag);
    if (value === undefined) continue;
    const broken = rule(String(value));
    if (broken) throw new Error(`--${flag} ${JSON.stringify(String(value))} ${broken}.`);
    choices[name] = String(value);
  }
  return choices as LayoutChoices;
}
