import type { Framework } from './options.js';

/** npm packages of the generated client, per framework, pinned exactly (no network at generation). */
export interface ClientPackages {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
}

const VITE = '8.3.8';
const NODE_TYPES = '24.19.4';
// The client's own tests (`npm test`), on the same Vite.
const VITEST = '4.1.12';

// Resolved from create-vite 9.3.0's templates (react-ts's oxlint included, the one linter they ship), plus vitest
// for the client's tests, and checked to install and build with Vite 8 on Node 20.20. vue-tsc and svelte-check use TypeScript's JS API, so those two stay on TS 6.
export const CLIENT_PACKAGES: Record<Exclude<Framework, 'none'>, ClientPackages> = {
  'react-ts': {
    dependencies: { react: '19.3.1', 'react-dom': '19.3.1' },
    devDependencies: {
      '@types/node': NODE_TYPES,
      '@types/react': '19.3.3',
      '@types/react-dom': '19.3.0',
      '@vitejs/plugin-react': '6.3.0',
      oxlint: '1.94.0',
      typescript: '7.0.2',
      vite: VITE,
      vitest: VITEST,
    },
  },
  'vue-ts': {
    dependencies: { vue: '3.5.45' },
    devDependencies: {
      '@types/node': NODE_TYPES,
      '@vitejs/plugin-vue': '6.0.11',
      '@vue/tsconfig': '0.9.1',
      typescript: '6.0.3',
      vite: VITE,
      vitest: VITEST,
      'vue-tsc': '3.3.14',
    },
  },
  'svelte-ts': {
    dependencies: {},
    devDependencies: {
      '@sveltejs/vite-plugin-svelte': '7.3.1',
      '@tsconfig/svelte': '5.0.8',
      '@types/node': NODE_TYPES,
      svelte: '5.57.3',
      'svelte-check': '4.7.8',
      typescript: '6.0.3',
      vite: VITE,
      vitest: VITEST,
    },
  },
  'vanilla-ts': {
    dependencies: {},
    devDependencies: { typescript: '7.0.2', vite: VITE, vitest: VITEST },
  },
};
