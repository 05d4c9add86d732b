// 4. `:heroku` re-run with nothing to do, against the local Platform API stand-in, vs one `heroku --version`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { provisionedProject } from '../test/support/heroku-bench.js';
import { runHerokuGenerator } from '../test/support/heroku-generator.js';
import { startHerokuSandbox } from '../test/support/heroku-sandbox.js';
import { measure, type MeasureOptions, type Sample } from './measure.js';
import { GENERATORS, REPO } from './paths.js';
import { run } from './processes.js';
import { timeRow, versusRow, type Row } from './table.js';

const CHILD = fileURLToPath(new URL('./yeoman-run.js', import.meta.url));
export const RERUN_LIMIT = 2.0;

export interface HerokuBench {
  rows: Row[];
  /** Each distinct list of heroku invocations a re-run made, and how many runs made it. */
  invocations: Map<string, number>;
}

export async function benchHeroku(options: MeasureOptions): Promise<HerokuBench> {
  // The sandbox finds .tools/ relative to its own file, which is one level deeper in dist/.
  const cli = process.env.HEROKU_CLI || join(REPO, '.tools/heroku/node_modules/.bin/heroku');
  if (!existsSync(cli)) throw new Error(`no heroku CLI at ${cli}: run .ci/install-heroku-cli (or set HEROKU_CLI)`);
  const savedCli = process.env.HEROKU_CLI;
  process.env.HEROKU_CLI = cli;
  const sandbox = await startHerokuSandbox().finally(() => {
    if (savedCli === undefined) delete process.env.HEROKU_CLI;
    else process.env.HEROKU_CLI = savedCli;
  });
  const restoreEnv = sandbox.useEnv();
  const invocations = new Map<string, number>();
  const counted = async (rerun: () => Promise<Sample>): Promise<Sample> => {
    sandbox.resetInvocations();
    const sample = await rerun();
    const key = sandbox.invocations().sort().join(', ');
    invocations.set(key, (invocations.get(key) ?? 0) + 1);
    return sample;
  };
  const versionsAtOnce = async (count: number) => {
    await Promise.all(Array.from({ length: count }, () => run(cli, ['--version'], { env: sandbox.env })));
  };
  try {
    const project = provisionedProject(sandbox, 'bench-provisioned');
    const results = await measure(
      {
        inProcess: () =>
          counted(async () => {
            const result = await runHerokuGenerator(project, { yes: true });
            if (result.error) throw result.error;
            return { ms: result.durationMs };
          }),
        newProcess: () => counted(() => run(process.execPath, [CHILD, join(GENERATORS, 'heroku/index.js'), 'django-monorepo:heroku'], { cwd: project, env: sandbox.env })),
        version: () => run(cli, ['--version'], { env: sandbox.env }),
        // What one round of 2 (or 3, as a re-run makes) concurrent reads costs at best on this machine's cores.
        twoVersions: () => versionsAtOnce(2),
        threeVersions: () => versionsAtOnce(3),
      },
      options,
    );
    return {
      rows: [
        versusRow('4', ':heroku re-run, nothing to do (yeoman-test, in process)', results.inProcess, results.version, RERUN_LIMIT),
        versusRow('4', ':heroku re-run, nothing to do (new process, yeoman-environment)', results.newProcess, results.version, RERUN_LIMIT),
        timeRow('4', '  baseline: heroku --version', results.version),
        versusRow('4', '  reference: 2 heroku --version at once', results.twoVersions, results.version),
        versusRow('4', '  reference: 3 heroku --version at once', results.threeVersions, results.version),
      ],
      invocations,
    };
  } finally {
    restoreEnv();
    await sandbox.close();
  }
}
