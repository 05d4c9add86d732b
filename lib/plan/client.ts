import type { TemplateContext } from '../context.js';
import type { Framework } from '../options.js';
import { planFolder } from './paths.js';
import type { PlannedFile } from './types.js';

// Every client has these; what differs is the entry point, the root component and the type-check setup.
const SHARED = [
  'package.json',
  'index.html',
  'vite.config.ts',
  '_gitignore',
  'README.md',
  'src/health.ts',
  'src/health.test.ts',
  'src/style.css',
];

// vue-tsc, svelte-check and `tsc -b` check the app and vite.config.ts apart (DOM vs Node types), hence the
// three tsconfigs; the vanilla client checks only src/ with plain `tsc`, like create-vite's.
const SPLIT_TSCONFIG = ['tsconfig.json', 'tsconfig.app.json', 'tsconfig.node.json'];

const CLIENT_FILES: Record<Exclude<Framework, 'none'>, readonly string[]> = {
  'react-ts': [...SHARED, ...SPLIT_TSCONFIG, 'src/main.tsx', 'src/App.tsx'],
  'vue-ts': [...SHARED, ...SPLIT_TSCONFIG, 'src/main.ts', 'src/App.vue'],
  'svelte-ts': [...SHARED, ...SPLIT_TSCONFIG, 'svelte.config.js', 'src/main.ts', 'src/App.svelte'],
  'vanilla-ts': [...SHARED, 'tsconfig.json', 'src/main.ts'],
};

/** The Vite client in the client folder; nothing for an API-only project. */
export function planClientFiles(context: TemplateContext): PlannedFile[] {
  if (context.framework === 'none' || context.clientDir === null) return [];
  return planFolder(`client/${context.framework}`, CLIENT_FILES[context.framework], context.clientDir, context);
}
