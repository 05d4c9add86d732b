import { LayoutError } from './types.js';

const NUXT_GENERATE = /\bnux[ti]\s+generate\b/;

/**
 * Nuxt's starters (create-nuxt-app for Nuxt 2, nuxi init for Nuxt 3 and 4) build a Node server with
 * "build" and the static site with "generate": the static one is the build Django can serve.
 */
export function nuxtGenerateScript(scripts: Record<string, string>, production: string | undefined): string | undefined {
  if (production === undefined || !/\bnux[ti]\s+build\b/.test(scripts[production])) return undefined;
  const names = Object.keys(scripts).filter((name) => name !== 'heroku-postbuild' && NUXT_GENERATE.test(scripts[name]));
  return names.includes('generate') ? 'generate' : names[0];
}

// Only `nuxt generate` (or Nuxt 3's `nuxt build --prerender`) writes the static site: `nuxt build` with
// ssr: false (Nuxt 3) or target: 'static' (Nuxt 2) still leaves the page to a Node server.
export function checkNuxtIsStatic(dir: string, buildScript: string): void {
  if (NUXT_GENERATE.test(buildScript) || /\bnux[ti]\s+build\b.*--prerender\b/.test(buildScript)) return;
  throw new LayoutError(
    `The Nuxt client in ${dir || 'the repo root'} builds a Node server ("${buildScript}"), which Django cannot serve. ` +
      'Add a "generate": "nuxt generate" script (the static site; ssr: false or target: \'static\' alone is not enough), or pass --client none.',
    'client',
  );
}

/**
 * Where `nuxt generate` writes the site: Nuxt 2's generate.dir (dist/ unless the config names another),
 * Nitro's .output/public for Nuxt 3 and 4 (`nuxi generate` links dist/ to it).
 */
export function nuxtOutput(version: string | null, generateDir: () => string | undefined): string {
  return version?.split('.')[0] === '2' ? (generateDir() ?? 'dist') : '.output/public';
}
