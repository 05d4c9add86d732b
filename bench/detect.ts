// 3. Retrofit detection with 200 000 ignored files around the user's 2 000 vs the 2 000 alone.
import fs from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectLayout, type DetectFs } from '../lib/detect/index.js';
import { measure, type MeasureOptions } from './measure.js';
import { writeSyntheticRepos } from './synthetic-repo.js';
import { timeRow, versusRow, type Row } from './table.js';

export const DETECT_LIMIT = 1.2;

const detect = (root: string) => detectLayout(fs as DetectFs, root);

export async function benchDetect(options: MeasureOptions): Promise<Row[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'bench-detect-'));
  try {
    const { sourceOnly, withIgnored } = await writeSyntheticRepos(scratch);
    const found = [detect(sourceOnly), detect(withIgnored)].map((layout) => `${layout.backend.dir} + ${layout.client?.dir}`);
    if (found[0] !== 'backend + client' || found[1] !== found[0]) throw new Error(`detection found ${found.join(' and ')}, not backend + client`);
    const results = await measure({ withIgnored: () => void detect(withIgnored), sourceOnly: () => void detect(sourceOnly) }, options);
    return [
      versusRow('3', 'detectLayout: 2 000 source + 204 000 ignored files', results.withIgnored, results.sourceOnly, DETECT_LIMIT),
      timeRow('3', '  baseline: the 2 000 source files alone', results.sourceOnly),
    ];
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
