export { detectLayout, DEFAULT_PYTHON, type LayoutChoices } from './layout.js';
export type { DetectFs } from './fs.js';
export * from './types.js';
