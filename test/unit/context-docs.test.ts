import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/generators.js';
import { contextWith } from '../support/project-files.js';

// Maps whose keys are data (package names), documented as one field.
const DOCUMENTED_AS_A_WHOLE = new Set(['python', 'client']);

function fieldNames(value: Record<string, unknown>): string[] {
  return Object.entries(value).flatMap(([key, field]) =>
    field && typeof field === 'object' && !DOCUMENTED_AS_A_WHOLE.has(key)
      ? Object.keys(field).map((inner) => `${key}.${inner}`)
      : [key],
  );
}

function documentedFields(): string[] {
  const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const table = /<!-- context-fields:start -->([\s\S]*?)<!-- context-fields:end -->/.exec(readme)?.[1] ?? '';
  return [...table.matchAll(/^\| `([\w.]+)` +\|/gm)].map((match) => match[1]);
}

describe('the README documents the template context', () => {
  it('lists every field the code builds, and no field the code lacks', async () => {
    const documented = documentedFields();
    expect(documented.length).toBeGreaterThan(10);
    for (const context of [await contextWith(), await contextWith({ framework: 'none' })]) {
      expect(documented.sort()).toEqual(fieldNames(context as unknown as Record<string, unknown>).sort());
    }
  });
});
