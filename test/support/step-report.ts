import type { BuildSize } from './build-size.js';
import { formatBytes } from './build-size.js';

/**
 * Per-project timings of the end-to-end sequence and the client's build size, printed as one
 * Markdown table at the end of the suite so it can be quoted as measured.
 */
export class StepReport {
  readonly #rows = new Map<
    string,
    { facts: Map<string, string>; steps: Map<string, number>; build?: BuildSize; wallMs?: number }
  >();
  readonly #stepNames: string[] = [];
  readonly #factNames: string[] = [];

  #row(project: string) {
    let row = this.#rows.get(project);
    if (!row) this.#rows.set(project, (row = { facts: new Map(), steps: new Map() }));
    return row;
  }

  /** Runs `step` and records how long it took (also when it throws). */
  async time<T>(project: string, step: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.record(project, step, performance.now() - started);
    }
  }

  record(project: string, step: string, ms: number): void {
    if (!this.#stepNames.includes(step)) this.#stepNames.push(step);
    this.#row(project).steps.set(step, ms);
  }

  /** What the project is and what it ran on (framework, dependency format, installed versions...). */
  recordFacts(project: string, facts: Record<string, string | undefined>): void {
    for (const [name, value] of Object.entries(facts)) {
      if (!this.#factNames.includes(name)) this.#factNames.push(name);
      this.#row(project).facts.set(name, value ?? '–');
    }
  }

  recordBuild(project: string, size: BuildSize): void {
    this.#row(project).build = size;
  }

  /** Wall time of all of a project's tests: its steps plus probes, refusals and waits. */
  recordWall(project: string, ms: number): void {
    this.#row(project).wallMs = ms;
  }

  table(): string {
    const seconds = (ms: number | undefined) => (ms === undefined ? '–' : (ms / 1000).toFixed(1));
    const header = [
      'project',
      ...this.#factNames,
      'dist raw',
      'dist br',
      ...this.#stepNames.map((s) => `${s} (s)`),
      'all tests (s)',
    ];
    const lines = [header, header.map(() => '---')];
    for (const [project, row] of this.#rows) {
      lines.push([
        project,
        ...this.#factNames.map((name) => row.facts.get(name) ?? '–'),
        row.build ? formatBytes(row.build.raw) : '–',
        row.build ? formatBytes(row.build.brotli) : '–',
        ...this.#stepNames.map((s) => seconds(row.steps.get(s))),
        seconds(row.wallMs),
      ]);
    }
    return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
  }
}
