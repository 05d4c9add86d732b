import { describe, expect, it } from 'vitest';
import { isIgnored, parseGitignore } from '../../lib/detect/gitignore.js';

describe('git-ignored folders are not searched', () => {
  const rules = [
    ...parseGitignore('# comment\nnode_modules/\n/static\nbuild-*\ndocs/**/old\n!keep-me\n*.egg-info\n', ''),
    ...parseGitignore('cache\n', 'apps/web'),
  ];

  it.each([
    ['node_modules', true],
    ['apps/node_modules', true],
    ['static', true],
    ['apps/static', false],
    ['build-2024', true],
    ['docs/a/b/old', true],
    ['docs/old', true],
    ['keep-me', false],
    ['pkg.egg-info', true],
    ['apps/web/cache', true],
    ['apps/api/cache', false],
    ['backend', false],
  ])('%s -> %s', (dir, ignored) => {
    expect(isIgnored(dir, rules)).toBe(ignored);
  });

  it('a later negation un-ignores', () => {
    expect(isIgnored('legacy', parseGitignore('legacy\n!legacy\n', ''))).toBe(false);
  });
});
