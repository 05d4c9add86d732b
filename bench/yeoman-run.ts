// Child process of benchmarks 2 and 4: `node yeoman-run.js <generator file> <namespace> [args…]` runs one
// generator through yeoman-environment with every answer given, and prints how long each part took.
import { performance } from 'node:perf_hooks';

const [resolved, namespace, ...args] = process.argv.slice(2);
const started = performance.now();
const { createEnv } = await import('yeoman-environment');
const env = createEnv();
env.register(resolved, { namespace });
const loaded = performance.now();
const answers = { yes: true, skipInstall: true, skipGit: true };
await env.run([namespace, ...args], answers);
const done = performance.now();
process.stdout.write(`\n${JSON.stringify({ loadMs: loaded - started, runMs: done - loaded })}\n`);
