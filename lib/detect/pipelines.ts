import { joinRel, type RepoReader } from './fs.js';
import { LayoutError } from './types.js';

/** A way the repo already deploys to Heroku that the subdir layout would change. */
export interface ExistingPipeline {
  file: string;
  what: string;
  /** Why the subdir layout stops it working, and what keeps it. */
  breaks: string;
}

const OFFICIAL_BUILDPACK = /heroku\/(nodejs|python)\b|heroku-buildpack-(nodejs|python)/;

/**
 * The common pipelines: a root package.json whose heroku-postbuild builds the client, an app.json with
 * Heroku's official Node.js and Python buildpacks at the root, a root bin/post_compile. The subdir
 * layout runs each buildpack inside its own folder, so none of them would run as they do today.
 */
export function detectPipelines(repo: RepoReader, backendDir: string, clientDir: string | null): ExistingPipeline[] {
  const found: ExistingPipeline[] = [];
  const rootPackage = repo.readJson('package.json') as { scripts?: Record<string, string> } | undefined;
  const postbuild = rootPackage?.scripts?.['heroku-postbuild'];
  if (typeof postbuild === 'string' && clientDir !== '') {
    found.push({
      file: 'package.json',
      what: `its heroku-postbuild ("${postbuild}")`,
      breaks: `the subdir layout runs the Node.js buildpack in ${clientDir ?? 'no folder'}/ only. Pass --client . --client-dist <the folder that build writes> to keep it as the client build`,
    });
  }
  const appJson = repo.readJson('app.json') as { buildpacks?: Array<{ url?: string }> } | undefined;
  const official = (appJson?.buildpacks ?? []).map((b) => b.url ?? '').filter((url) => OFFICIAL_BUILDPACK.test(url));
  if (official.length > 0 && !(repo.read('app.json') ?? '').includes('heroku-buildpack-subdir')) {
    found.push({
      file: 'app.json',
      what: `Heroku's own buildpacks at the repo root (${official.join(', ')})`,
      breaks: 'the subdir layout replaces them with heroku-buildpack-subdir and one buildpack per folder',
    });
  }
  if (backendDir !== '' && repo.isFile(joinRel('bin', 'post_compile'))) {
    found.push({
      file: 'bin/post_compile',
      what: 'a post-compile hook of the Python buildpack',
      breaks: `the Python buildpack runs in ${backendDir}/ and looks for ${backendDir}/bin/post_compile. Move it there to keep it`,
    });
  }
  return found;
}

/** Refuses to switch a working pipeline unless the user said so. */
export function checkPipelines(pipelines: ExistingPipeline[], replace: boolean): string[] {
  if (pipelines.length === 0) return [];
  const described = pipelines.map((p) => `${p.file} deploys with ${p.what}, and ${p.breaks}`);
  if (!replace) {
    throw new LayoutError(
      `This repo already deploys to Heroku another way: ${described.join('; ')}. ` +
        "Pass --buildpacks official to keep Heroku's own buildpacks at the root, or --replace-pipeline to switch it to the subdir layout anyway.",
      'replace-pipeline',
    );
  }
  return described.map((text) => `--replace-pipeline: ${text}.`);
}
