import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS } from '../../lib/options.js';
import { renderNewProject } from '../support/project-files.js';

// Built-in templates render prettier-clean output, so generation never needs a formatter at run time.
const PRETTIER_FILES = /\.(js|jsx|ts|tsx|mjs|cjs|json|md|ya?ml|css|html|vue)$/;

describe.each(FRAMEWORKS)('rendered %s project', (framework) => {
  it('is prettier-clean in every JS/TS/JSON/YAML/Markdown/CSS/HTML file', async () => {
    const files = await renderNewProject({ framework, pythonDeps: framework === 'vue-ts' ? 'pipenv' : 'pip' });
    const checked = files.filter((file) => PRETTIER_FILES.test(file.destination));
    expect(checked.length).toBeGreaterThanOrEqual(2);
    const unclean: string[] = [];
    for (const file of checked) {
      if (!(await prettier.check(file.contents, { filepath: file.destination }))) unclean.push(file.destination);
    }
    expect(unclean).toEqual([]);
  });

  it('has LF line endings and a final newline in every file', async () => {
    for (const file of await renderNewProject({ framework })) {
      expect(file.contents, file.destination).not.toContain('\r');
      if (file.contents !== '') expect(file.contents.endsWith('\n'), file.destination).toBe(true);
    }
  });
});
