import { expect, it } from 'vitest';
import { timeNothingToDoRerun } from '../support/heroku-bench.js';
import { herokuCliPath } from '../support/heroku-sandbox.js';
import { fileExists, missingPrerequisites } from '../support/prerequisites.js';

const missing = missingPrerequisites({ [`heroku CLI at ${herokuCliPath()}`]: fileExists(herokuCliPath()) });

// Keeps the benchmark hook working: a provisioned app re-run costs 4 heroku invocations, all reads.
it.skipIf(missing.length > 0)('the benchmark hook times a re-run with nothing to do', async () => {
  const [timing] = await timeNothingToDoRerun(1);
  console.log(`re-run with nothing to do (pre-provisioned): ${timing.durationMs} ms, ${timing.invocations.join(', ')}`);
  expect(timing.invocations.sort()).toEqual(['apps:info', 'buildpacks', 'config']);
});
