import { performance } from 'node:perf_hooks';

/** What one run of a case reports: its wall time, and whatever else it measured (e.g. peak RSS). */
export interface Sample {
  ms: number;
  rssMb?: number;
}

export interface Stats {
  runs: number;
  median: number;
  min: number;
  max: number;
}

export interface CaseResult {
  ms: Stats;
  rssMb?: Stats;
}

/** A case returns its own Sample when it times itself (a child process, a part of a run); else it is timed here. */
export type Case = () => Promise<Sample | void> | Sample | void;

export interface MeasureOptions {
  runs?: number;
  warmup?: number;
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { runs: sorted.length, median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/**
 * Runs every case `warmup` times, then `runs` times, alternating between cases within each round so
 * that a noisy neighbour or a cold cache affects them all alike.
 */
export async function measure<Name extends string>(cases: Record<Name, Case>, { runs = 5, warmup = 1 }: MeasureOptions = {}): Promise<Record<Name, CaseResult>> {
  const names = Object.keys(cases) as Name[];
  const samples = new Map<Name, Sample[]>(names.map((name) => [name, []]));
  for (let round = 0; round < warmup + runs; round++) {
    for (const name of names) {
      const started = performance.now();
      const reported = await cases[name]();
      const sample = reported ?? { ms: performance.now() - started };
      if (round >= warmup) samples.get(name)!.push(sample);
    }
  }
  const results = {} as Record<Name, CaseResult>;
  for (const name of names) {
    const taken = samples.get(name)!;
    const rss = taken.flatMap((sample) => (sample.rssMb === undefined ? [] : [sample.rssMb]));
    results[name] = { ms: stats(taken.map((sample) => sample.ms)), rssMb: rss.length > 0 ? stats(rss) : undefined };
  }
  return results;
}
