import type { UserConsoleLog } from 'vitest';
import type { Reporter, TestModule } from 'vitest/node';
import { SKIP_NOTICE } from './prerequisites.js';

/**
 * Printed after vitest's own summary: how many tests were skipped, grouped by file and reason, so a
 * run that skipped anything says why at the end, not in a notice scrolled away at the top. The
 * reasons are the missing prerequisites a suite announced while it was collected, or the note given
 * to `skip(note)`.
 */
export default class SkipReporter implements Reporter {
  readonly #notices = new Map<string, string>();

  onUserConsoleLog(log: UserConsoleLog): void {
    const at = log.content.indexOf(SKIP_NOTICE);
    if (at >= 0 && log.taskId) {
      this.#notices.set(log.taskId, log.content.slice(at + SKIP_NOTICE.length).trim());
    }
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const lines: string[] = [];
    let total = 0;
    for (const module of testModules) {
      const reasons = new Map<string, number>();
      for (const test of module.children.allTests('skipped')) {
        const result = test.result();
        const note = result.state === 'skipped' ? result.note : undefined;
        const reason = note ?? this.#notices.get(module.id) ?? 'no reason given (skip, skipIf or todo in the test file)';
        reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
        total++;
      }
      for (const [reason, count] of reasons) lines.push(`  ${module.relativeModuleId}: ${count} skipped: ${reason}`);
    }
    console.log(total === 0 ? '\nNo test was skipped.\n' : `\n${total} tests skipped:\n${lines.join('\n')}\n`);
  }
}
