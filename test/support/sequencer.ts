import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Seconds each long file took in a full CI=true run from a clean clone (2026-12-01). vitest without a
 * cache of earlier runs starts the largest files first, and the corpus files are four lines long: they
 * ran last, one of them alone at the end. Longest first lets the two workers finish together.
 */
const SECONDS: Record<string, number> = {
  'test/corpus/corpus.test.ts': 560,
  'test/corpus/cra-vuecli.test.ts': 484,
  'test/corpus/nuxt.test.ts': 312,
  'test/e2e/app.test.ts': 289,
  'test/corpus/angular.test.ts': 265,
  'test/e2e/stack-matrix.test.ts': 240,
  'test/generators/generated-checks.test.ts': 230,
  'test/e2e/browser.test.ts': 198,
  'test/e2e/official.test.ts': 197,
  'test/e2e/interrupt.test.ts': 96,
  'test/e2e/heroku.test.ts': 69,
};

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seconds = (file: TestSpecification) => SECONDS[path.relative(process.cwd(), file.moduleId).split(path.sep).join('/')] ?? 0;
    // Array.prototype.sort is stable: files not listed keep vitest's own order, after the listed ones.
    return [...(await super.sort(files))].sort((a, b) => seconds(b) - seconds(a));
  }
}
