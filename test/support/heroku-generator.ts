import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import helpers from 'yeoman-test';
import HerokuGenerator from '../../generators/heroku/index.js';

const GENERATOR = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'generators/heroku/index.ts');

export interface HerokuRun {
  /** Everything the generator logged (yeoman's log goes to stderr in a terminal). */
  log: string;
  /** What it wrote to stdout (the `--json` report). */
  stdout: string;
  error: Error | null;
  /** The generator's answers in `.yo-rc.json` after the run. */
  stored: Record<string, unknown>;
  /** The whole `.yo-rc.json` text, to scan for secrets. */
  yoRc: string;
  durationMs: number;
}

/**
 * Runs `:heroku` in `project` with yeoman-test, in process (keep vitest's `forks` pool: it changes
 * directory). The caller sets process.env first (see HerokuSandbox.useEnv).
 */
export async function runHerokuGenerator(project: string, options: Record<string, unknown> = {}, answers: Record<string, unknown> = {}): Promise<HerokuRun> {
  const lines: string[] = [];
  const spyFactory = ({ returns }: { returns?: unknown }) =>
    function spy(...args: unknown[]) {
      if (args.length > 0) lines.push(format(...args));
      return returns;
    };
  let stdout = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  }) as typeof process.stdout.write;
  const cwd = process.cwd();
  const started = Date.now();
  let error: Error | null = null;
  try {
    await helpers
      .run(HerokuGenerator, { resolved: GENERATOR, namespace: 'django-monorepo:heroku' })
      .cd(project)
      .withOptions(options)
      .withAnswers(answers)
      .withAdapterOptions({ spyFactory } as never);
  } catch (caught) {
    error = caught as Error;
  } finally {
    process.stdout.write = write;
    process.chdir(cwd);
  }
  const yoRc = readFileSync(join(project, '.yo-rc.json'), 'utf8');
  const stored = (JSON.parse(yoRc) as Record<string, Record<string, unknown>>)['generator-django-monorepo'] ?? {};
  return { log: lines.join('\n'), stdout, error, stored, yoRc, durationMs: Date.now() - started };
}
