export { detectLayout, type LayoutChoices } from './layout.js';
export type { DetectFs } from './fs.js';
export * from './types.js';
