import path from 'node:path/posix';
import { parentOf } from '../detect/fs.js';
import { normalizePackage, poetryMissingRootModule } from '../detect/python-deps.js';
import { LayoutError, type DetectedLayout } from '../detect/types.js';
import { renderTemplate, BUILT_IN_TEMPLATES, type TemplateRoots } from '../templates.js';
import { addPostbuildScript, postbuildCommand, runScript, webpack4Step } from './retrofit-client.js';
import { retrofitContext, type RetrofitContext } from './retrofit-context.js';
import { checkPlannedBuild, formatFinding } from '../heroku-build/index.js';
import { negateIgnoredFiles } from './retrofit-gitignore.js';
import { addPackages, addPoetryPackageModeOff, missingPackages, requirementLine, type NeededPackage } from './retrofit-deps.js';
import { checkOfficialRetrofit, rootPackageJson, rootPostbuild } from './deploy-official.js';
import type { DeployLayout } from '../options.js';

/** One file the retrofit writes: a new file, a file of ours brought up to date, or lines added to a user's file. */
export interface FileChange {
  path: string;
  contents: string;
  action: 'create' | 'update' | 'add-lines';
  why: string;
}

export interface RetrofitPlan {
  changes: FileChange[];
  /** The user's files left alone although the deployment would use them, and why. */
  kept: Array<{ path: string; why: string }>;
  /** What the user still has to do (refresh a lock file, add a line by hand). */
  nextSteps: string[];
  /** What Heroku's build rules say about the repo with the plan applied (each with its fix). */
  findings: string[];
  context: RetrofitContext;
}

export interface RetrofitOptions {
  projectName: string;
  /** The user's own heroku-postbuild command. */
  postbuild?: string;
  /** The repo's files (tracked and not ignored), for the build-rules check of the planned result. */
  files?: readonly string[];
  roots?: TemplateRoots;
  /** `subdir` (the default) or `official`: Heroku's own buildpacks at the root (lib/plan/deploy-official.ts). */
  deployLayout?: DeployLayout;
}

/** Files this generator wrote say so; only those are brought up to date. */
export const GENERATED_MARKER = 'generator-django-monorepo';

const LOCK_COMMANDS: Record<string, string> = { pipenv: 'pipenv lock', poetry: 'poetry lock', uv: 'uv lock' };

/**
 * The deployment layer for a detected repo, as data: which files to create, which user files gain
 * lines, which are kept. `read` gives a file's current text (undefined when missing). Files whose
 * content would not change are left out, so planning a retrofit's own output yields no change.
 */
export function planRetrofit(layout: DetectedLayout, read: (file: string) => string | undefined, options: RetrofitOptions): RetrofitPlan {
  const official = options.deployLayout === 'official';
  if (official) checkOfficialRetrofit(layout);
  const context = retrofitContext(layout, options.projectName, options.deployLayout);
  const roots = options.roots ?? [BUILT_IN_TEMPLATES];
  const plan: RetrofitPlan = { changes: [], kept: [], nextSteps: [], findings: [], context };
  const render = (template: string, overrides: Partial<RetrofitContext> = {}): string =>
    renderTemplate(template, { ...context, ...overrides } as RetrofitContext, roots);
  const { backend, client, pythonDeps } = layout;
  const inBackend = (file: string): string => (backend.dir ? `${backend.dir}/${file}` : file);

  /** A module only this generator writes: created, or updated when it is ours. */
  const ours = (file: string, contents: string, why: string, flag = ''): void => {
    const current = read(file);
    if (current === contents) return;
    if (current === undefined) plan.changes.push({ path: file, contents, action: 'create', why });
    else if (current.includes(GENERATED_MARKER)) plan.changes.push({ path: file, contents, action: 'update', why });
    else {
      throw new LayoutError(
        `${file} already exists and was not written by ${GENERATED_MARKER}; the retrofit needs that name for ${why}. ` +
          (flag ? `Pass --${flag} <dotted.module> to use another name, or rename yours.` : 'Rename your file (or remove it) and run again.'),
        flag,
      );
    }
  };
  /** A deployment file: created when missing; a user's own version is kept. */
  const deployFile = (file: string, contents: string, why: string): void => {
    const current = read(file);
    if (current === contents) return;
    if (current === undefined) plan.changes.push({ path: file, contents, action: 'create', why });
    else plan.kept.push({ path: file, why: `yours, kept; for this layout it would read:\n${indent(contents)}` });
  };

  deployFile('Procfile', render('deploy/Procfile.ejs'), 'release (migrate) and web (gunicorn) processes');
  if (!official) deployFile('.buildpacks', render('deploy/_buildpacks.ejs'), 'buildpacks per folder, client first');
  deployFile('app.json', render('deploy/app.json.ejs'), 'Heroku app manifest');
  if (official) deployFile('project.toml', render('deploy/project.toml.ejs'), "the buildpacks for Heroku's Fir generation");

  ours(backend.herokuSettings.file, render('retrofit/heroku_settings.py.ejs'), `production settings importing ${backend.settingsModule}`, 'heroku-settings');
  if (client) {
    const pkgDir = backend.deployPackage.dir;
    ours(path.join(pkgDir, 'heroku_urls.py'), render('retrofit/heroku_urls.py.ejs'), `${backend.urlconf} plus the client's index page`);
    ours(path.join(pkgDir, 'heroku_views.py'), render('retrofit/heroku_views.py.ejs'), "the client's index page and JSON 404s for /api/");
  }

  // The official layout's Python buildpack reads the root's .python-version; subdir's reads the backend's.
  const versionFile = official ? '.python-version' : inBackend('.python-version');
  if (read(versionFile) === undefined) {
    plan.changes.push({ path: versionFile, contents: render('backend/_python-version.ejs'), action: 'create', why: `Python ${layout.python.version}, ${layout.python.source === 'default' ? 'the default' : `from ${layout.python.source}`}` });
  }

  planDependencies(layout, read, plan, render);
  if (backend.dir !== '' && read('requirements.txt') === undefined) {
    const template = pythonDeps.kind === 'poetry' || pythonDeps.kind === 'uv' ? 'retrofit/root-requirements.txt.ejs' : 'deploy/requirements.txt.ejs';
    plan.changes.push({ path: 'requirements.txt', contents: render(template), action: 'create', why: 'placeholder pointing at the backend' });
  }

  if (client) {
    if (client.tool === 'nuxt' && client.toolVersion?.split('.')[0] === '2') ours(path.join(client.dir, 'nuxt.config.heroku.js'), render('retrofit/nuxt.config.heroku.js.ejs'), 'Nuxt 2 config with build.publicPath /static/_nuxt/');
    if (client.tool === 'vue-cli') ours(path.join(client.dir, 'vue.config.heroku.cjs'), render('retrofit/vue.config.heroku.cjs.ejs'), 'Vue CLI config with publicPath /static/');
    const webpack4 = webpack4Step(client, client.lockFile ? read(client.lockFile) : undefined);
    if (webpack4) plan.nextSteps.push(webpack4);
  }
  if (client && official && client.dir !== '') planRootBuild(client, read, plan, render, options.postbuild);
  else if (client) {
    const file = path.join(client.dir, 'package.json');
    const command = postbuildCommand(client, options.postbuild);
    const edit = client.postbuild === null ? addPostbuildScript(read(file) ?? '{}', command) : undefined;
    if (edit && 'text' in edit) plan.changes.push({ path: file, contents: edit.text, action: 'add-lines', why: `heroku-postbuild: ${command}` });
    else if (edit) plan.nextSteps.push(`Add "heroku-postbuild": ${JSON.stringify(command)} to the scripts of ${file} (${edit.manual}).`);
    else if (client.postbuild !== null && client.postbuild !== command) {
      plan.kept.push({ path: file, why: `your heroku-postbuild is kept; for assets under /static/ it would be: ${command}` });
    }
  }
  plan.changes.push(...negateIgnoredFiles(plan.changes, read));
  if (options.files) {
    const tree = { files: options.files, read };
    plan.findings = checkPlannedBuild(tree, plan.changes, options.deployLayout ?? 'subdir').map(formatFinding);
  }
  return plan;
}

/** The official layout builds a client in a folder from the root package.json: created, or its script added. */
function planRootBuild(
  client: NonNullable<DetectedLayout['client']>,
  read: (file: string) => string | undefined,
  plan: RetrofitPlan,
  render: (template: string) => string,
  given?: string,
): void {
  const { context } = plan;
  // The client's own heroku-postbuild, when it has one, already builds for Heroku.
  const clientCommand = client.postbuild !== null && given === undefined ? runScript(client, 'heroku-postbuild') : postbuildCommand(client, given);
  const postbuild = rootPostbuild(client, clientCommand);
  const current = read('package.json');
  if (current === undefined) {
    plan.changes.push({ path: 'package.json', contents: rootPackageJson(context.rootPackageName, context.nodeVersion, client, postbuild), action: 'create', why: `heroku-postbuild for Heroku's Node.js buildpack: ${postbuild}` });
    if (read('package-lock.json') === undefined) plan.changes.push({ path: 'package-lock.json', contents: render('deploy/package-lock.json.ejs'), action: 'create', why: 'so the buildpack runs npm ci at the root' });
    return;
  }
  const edit = addPostbuildScript(current, postbuild);
  if (edit && 'text' in edit) plan.changes.push({ path: 'package.json', contents: edit.text, action: 'add-lines', why: `heroku-postbuild: ${postbuild}` });
  else if (edit) plan.nextSteps.push(`Add "heroku-postbuild": ${JSON.stringify(postbuild)} to the scripts of package.json (${edit.manual}).`);
  else plan.kept.push({ path: 'package.json', why: `your heroku-postbuild is kept; for this layout it would be: ${postbuild}` });
}

function planDependencies(
  layout: DetectedLayout,
  read: (file: string) => string | undefined,
  plan: RetrofitPlan,
  render: (template: string, overrides?: Partial<RetrofitContext>) => string,
): void {
  const { backend, pythonDeps } = layout;
  const missing = missingPackages(pythonDeps, backend.djangoVersion);
  if (missing.length > 0 && pythonDeps.kind.startsWith('requirements') && /--hash[=\s]/.test(read(pythonDeps.file) ?? '')) {
    planHashedRequirements(pythonDeps.file, missing, read, plan);
    return;
  }
  // The buildpack reads <backend>/requirements.txt: a file elsewhere is included from a new one there.
  const bridge = pythonDeps.kind === 'requirements-folder' || (pythonDeps.kind === 'requirements' && parentOf(pythonDeps.file) !== backend.dir);
  if (bridge) {
    const file = backend.dir ? `${backend.dir}/requirements.txt` : 'requirements.txt';
    const contents = render('retrofit/requirements.txt.ejs', {
      retrofit: { ...plan.context.retrofit, addedRequirements: missing.map(requirementLine) },
    });
    plan.changes.push({ path: file, contents, action: 'create', why: `includes ${pythonDeps.file}${missing.length ? ` and adds ${missing.map((p) => p.name).join(', ')}` : ''}` });
    return;
  }
  let edit = addPackages(pythonDeps.kind, read(pythonDeps.file) ?? '', missing);
  const why = edit && 'text' in edit ? [`adds ${missing.map((p) => p.name).join(', ')}`] : [];
  if (pythonDeps.kind === 'poetry') {
    // The buildpack's `poetry sync` installs the project itself too, and fails when its module is not there.
    const text = edit && 'text' in edit ? edit.text : (read(pythonDeps.file) ?? '');
    const module = poetryMissingRootModule(text, (file) => read(path.join(parentOf(pythonDeps.file), file)) !== undefined);
    if (module !== undefined) {
      edit = { text: addPoetryPackageModeOff(text) };
      why.push(`package-mode = false (there is no ${module} package for Poetry to install)`);
    }
  }
  if (edit && 'text' in edit) {
    plan.changes.push({ path: pythonDeps.file, contents: edit.text, action: 'add-lines', why: why.join('; ') });
    // A pip-compile output: its source gets the lines too, or the next compile drops them.
    const source = pythonDeps.file.replace(/\.txt$/, '.in');
    const sourceEdit = source !== pythonDeps.file && /autogenerated by pip-compile|uv pip compile/.test(read(pythonDeps.file) ?? '') ? addPackages('requirements', read(source) ?? '', missing) : undefined;
    if (read(source) !== undefined && sourceEdit && 'text' in sourceEdit) {
      plan.changes.push({ path: source, contents: sourceEdit.text, action: 'add-lines', why: `the same lines in the source ${pythonDeps.file} is compiled from` });
    }
  } else if (edit) {
    plan.nextSteps.push(`Add ${missing.map(requirementLine).join(', ')} to ${pythonDeps.file} (${edit.manual}).`);
  }
  const lock = LOCK_COMMANDS[pythonDeps.kind];
  if (lock && (edit || (pythonDeps.lockFile && read(pythonDeps.lockFile) === undefined))) {
    plan.nextSteps.push(`Run \`${lock}\` in ${backend.dir || '.'}/ and commit ${pythonDeps.lockFile}: Heroku installs from the lock file.`);
  }
}

/**
 * A file pinned with --hash makes pip refuse any line without one, and hashes cannot be computed
 * offline: the lines go to the compiled file's source (.in), with the compile command to run; without
 * a source the retrofit refuses, giving the lines and the command.
 */
function planHashedRequirements(file: string, missing: NeededPackage[], read: (file: string) => string | undefined, plan: RetrofitPlan): void {
  const text = read(file) ?? '';
  const lines = missing.map(requirementLine);
  const header = /^#\s+((?:uv pip compile|pip-compile)\b.*)$/m.exec(text)?.[1]?.trim();
  const source = file.replace(/\.txt$/, '.in');
  const folder = parentOf(file) || '.';
  if (source !== file && read(source) !== undefined) {
    const listed = new Set((read(source) ?? '').split(/\r?\n/).map((line) => normalizePackage(/^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(line.trim())?.[0] ?? '')));
    const edit = addPackages('requirements', read(source) ?? '', missing.filter((pkg) => !pkg.satisfiedBy.some((name) => listed.has(name))));
    if (edit && 'text' in edit) plan.changes.push({ path: source, contents: edit.text, action: 'add-lines', why: `adds ${missing.map((p) => p.name).join(', ')}; ${file} is compiled from it` });
    const command = header && /--generate-hashes/.test(header) ? header : `pip-compile --generate-hashes --output-file=${path.basename(file)} ${path.basename(source)}`;
    plan.nextSteps.push(`Run \`${command}\` in ${folder}/ and commit ${file}: it pins with hashes, so the new packages only reach Heroku once it is compiled again.`);
    return;
  }
  throw new LayoutError(
    `${file} pins every package with --hash, so pip refuses any line added without one, and the retrofit cannot compute hashes offline. ` +
      `Add ${lines.join(' ')} to the file it is generated from and regenerate it${header ? ` (\`${header}\`)` : ' (e.g. `poetry export -o requirements.txt`, which pins with hashes)'}, then run again.`,
    '',
  );
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
