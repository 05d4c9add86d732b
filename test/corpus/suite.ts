/**
 * The retrofit on repos made by the real tools (see recipes.ts): each is retrofitted through the shipped
 * bin with --yes and no terminal (flags forwarded to :deploy), committed, built from
 * `git archive HEAD` as Heroku builds it, checked, collected, released on PostgreSQL, served by its
 * Procfile's web line and probed. A refused repo must deploy with the flags its refusal names; a second
 * run changes nothing. Prints a table: repo, tools, outcome, seconds.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitProject, git } from '../support/committed-tree.js';
import { cleanEnvironment } from '../support/generated-project.js';
import { BIN } from '../support/generators.js';
import { startPostgres, type PostgresServer } from '../support/postgres.js';
import { fileExists, missingPrerequisites, POSTGRES_BIN } from '../support/prerequisites.js';
import { killAllStarted, runChecked, tail } from '../support/processes.js';
import { POETRY_QUIET, PYTHON_CACHE, PYTHON_TOOLS_BIN, PYTHON_TOOLS_PREREQUISITES } from '../support/python-env.js';
import { buildAndRun, changedBySecondRun, probeApp, retrofit, type ProbeResults } from './deploy-like-heroku.js';
import { makeRepo, packageManagers } from './make-repo.js';
import type { Recipe } from './recipes.js';

const missing = missingPrerequisites({
  ...PYTHON_TOOLS_PREREQUISITES,
  'postgresql (15)': fileExists(path.join(POSTGRES_BIN, 'postgres')),
  'the built bin (npm run build)': fileExists(BIN),
});
// Only these recipes, when set (e.g. CORPUS=dj52-vite-vanilla-npm,dj42-pipenv-webpack-npm).
const only = process.env.CORPUS?.split(',').filter(Boolean);

interface Row {
  repo: string;
  tools: string;
  outcome: string;
  seconds: number;
  /** Seconds making the repo, retrofitting (both runs and the user's step), building and serving. */
  phases: string;
}

function toolsOf(recipe: Recipe): string {
  const { client: c } = recipe;
  const client = c.tool === 'vite' ? `create-vite ${c.template}` : c.tool === 'framework' ? c.label : c.tool;
  return `Django ${recipe.django.replace(/\.\d+$/, '')} ${recipe.settingsPackage ? 'settings pkg' : 'settings.py'}, ${recipe.backend.deps}; ${client}, ${recipe.packageManager}`;
}

function printTable(rows: Row[]): void {
  const widths = [4, 5, 7, 7].map((min, i) => Math.max(min, ...rows.map((row) => [row.repo, row.tools, row.outcome, String(row.seconds)][i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 7)).join(' | ')} |`;
  const total = rows.reduce((sum, row) => sum + row.seconds, 0);
  console.log(
    [
      line(['repo', 'tools', 'outcome', 'seconds', 'make/retrofit/deploy']),
      line([...widths.map((w) => '-'.repeat(w)), '--------------------']),
      ...rows.map((row) => line([row.repo, row.tools, row.outcome, String(row.seconds), row.phases])),
      `corpus: ${rows.filter((r) => /^deploys/.test(r.outcome)).length}/${rows.length} deploy, ${total} s`,
    ].join('\n'),
  );
}

/** One corpus file's suite: its recipes run one after another, sharing a PostgreSQL and the tool caches. */
export function corpusSuite(title: string, all: Recipe[]): void {
  const recipes = only ? all.filter((r) => only.includes(r.name)) : all;
  describe.skipIf(missing.length > 0 && !process.env.CI)(title, () => {
    let root = '';
    let env: NodeJS.ProcessEnv = {};
    let postgres: PostgresServer | undefined;
    const rows: Row[] = [];

    beforeAll(async () => {
      if (missing.length > 0) throw new Error(`missing prerequisites: ${missing.join('; ')}`);
      root = mkdtempSync(path.join(tmpdir(), 'corpus-'));
      const shims = path.join(root, 'shims');
      mkdirSync(shims);
      env = {
        ...cleanEnvironment(shims, path.join(PYTHON_CACHE, 'npm')),
        // yarn 1's cache, and Yarn Berry's shared cache (so a repo holds no .yarn/cache of its own).
        YARN_CACHE_FOLDER: path.join(PYTHON_CACHE, 'yarn'),
        YARN_ENABLE_GLOBAL_CACHE: 'true',
        YARN_GLOBAL_FOLDER: path.join(PYTHON_CACHE, 'yarn-berry'),
        YARN_ENABLE_TELEMETRY: '0',
        npm_config_store_dir: path.join(PYTHON_CACHE, 'pnpm-store'),
        // The user's own tools (uv, pipenv, poetry) for the steps the retrofit leaves to them.
        PATH: `${shims}:${process.env.PATH ?? ''}:${PYTHON_TOOLS_BIN}`,
        UV_CACHE_DIR: path.join(PYTHON_CACHE, 'uv'),
        PIPENV_CACHE_DIR: path.join(PYTHON_CACHE, 'pipenv'),
        PIPENV_VERBOSITY: '-1',
        PIPENV_NOSPIN: '1',
        PIPENV_IGNORE_VIRTUALENVS: '1',
        ...POETRY_QUIET,
      };
      // yarn and pnpm on PATH, as the Node.js buildpack provides them; Berry repos carry their own release.
      env.PATH = `${await packageManagers(env)}:${env.PATH ?? ''}`;
      postgres = await startPostgres();
    }, 120_000);

    afterAll(async () => {
      try {
        printTable(rows);
        await postgres?.stop();
      } finally {
        killAllStarted();
        if (root) rmSync(root, { recursive: true, force: true });
      }
    });

    if (recipes.length === 0) it.skip(`no recipe of this file is named in CORPUS=${process.env.CORPUS ?? ''}`);
    for (const recipe of recipes) {
      it(recipe.name, async () => {
        const started = performance.now();
        const row: Row = { repo: recipe.name, tools: toolsOf(recipe), outcome: 'failed while making the repo', seconds: 0, phases: '' };
        let lap = started;
        const phase = (): void => {
          row.phases += `${row.phases ? '/' : ''}${Math.round((performance.now() - lap) / 1000)}`;
          lap = performance.now();
        };
        rows.push(row);
        const work = path.join(root, recipe.name);
        const repo = path.join(work, 'repo');
        try {
          await makeRepo(recipe, repo, env);
          await commitProject(repo, "The user's repo", env);
          phase();
          let flags = recipe.flags ?? [];
          let refused = '';
          if (recipe.refusedUntil || recipe.refusedUntilCommand) {
            row.outcome = 'was not refused';
            const first = await retrofit(repo, flags, env);
            expect(first.code, tail(first.output)).not.toBe(0);
            const named = recipe.refusedUntil?.filter((f) => f.startsWith('--')) ?? [recipe.refusedUntilCommand!.names];
            for (const flag of named) expect(first.output).toContain(flag);
            expect((await git(['status', '--porcelain'], repo, env)).output.trim(), 'a refusal writes nothing').toBe('');
            flags = [...flags, ...(recipe.refusedUntil ?? [])];
            if (recipe.refusedUntilCommand) {
              const { command, args } = recipe.refusedUntilCommand;
              await runChecked(command, args, { cwd: path.join(repo, 'backend'), env, timeoutMs: 300_000 });
              await commitProject(repo, "The refusal's fix", env);
            }
            refused = `refused, then with ${named.join(' ')} `;
          }
          row.outcome = `${refused}retrofit failed`;
          const result = await retrofit(repo, flags, env);
          expect(result.code, tail(result.output, 60)).toBe(0);
          if (recipe.userStep) {
            expect(result.output, 'the plan names the step the user runs').toContain(recipe.userStep.names);
            await runChecked(recipe.userStep.command, recipe.userStep.args, { cwd: path.join(repo, 'backend'), env, timeoutMs: 300_000 });
          }
          await commitProject(repo, 'Deploy to Heroku', env);
          row.outcome = `${refused}second run changed files`;
          expect(await changedBySecondRun(repo, flags, env)).toBe('');
          phase();
          row.outcome = `${refused}build or release failed`;
          const app = await buildAndRun(recipe, repo, work, postgres!, env);
          let probes: ProbeResults;
          try {
            probes = await probeApp(app, recipe);
          } finally {
            await app.stop();
          }
          const failed = Object.entries(probes).filter(([, value]) => value.startsWith('FAILED'));
          row.outcome = failed.length === 0 ? `deploys${refused ? ` (${refused.trim()})` : ''}` : `${refused}probes failed: ${failed.map(([k]) => k).join(', ')}`;
          expect(failed, JSON.stringify(probes, null, 2)).toEqual([]);
        } finally {
          phase();
          row.seconds = Math.round((performance.now() - started) / 1000);
          rmSync(work, { recursive: true, force: true });
        }
      }, 900_000);
    }
  });
}
