import { FRAMEWORKS, PYTHON_DEPENDENCY_FORMATS } from '../../lib/options.js';
import type { ProjectSpec } from './generated-project.js';

/**
 * Which generated projects the end-to-end suites prove, and how: test/e2e/app.test.ts runs the whole
 * deploy sequence on FULL_RUN; test/e2e/stack-matrix.test.ts takes every other framework × dependency
 * format from its commit through the install and the deploy check. Both follow the generator's own
 * lists, so a new framework or format is proven as soon as it is offered.
 */

// This machine's only Python. Tools that insist on an exact match with the project's Python
// (`pipenv install --deploy`, uv with requires-python) get projects generated for it.
export const LOCAL_PYTHON = '3.11';

/** The generator's --python for a format: its default for pip, which reads no Python version. */
export function pythonFor(pythonDeps: string): string | undefined {
  return pythonDeps === 'pip' ? undefined : LOCAL_PYTHON;
}

/** The backend's files for each dependency format once locked (the lock made by the generator or the user). */
export const DEPENDENCY_FILES: Record<string, string[]> = {
  pip: ['requirements.txt'],
  pipenv: ['Pipfile', 'Pipfile.lock'],
  uv: ['pyproject.toml', 'uv.lock'],
};

const SHAPES: ProjectSpec[] = [
  { label: 'react-ts', name: 'e2e-react', framework: 'react-ts', rehearse: true },
  { label: 'vue-ts', name: 'e2e-vue', framework: 'vue-ts' },
  { label: 'svelte-ts', name: 'e2e-svelte', framework: 'svelte-ts' },
  { label: 'vanilla-ts', name: 'e2e-vanilla', framework: 'vanilla-ts' },
  { label: 'none', name: 'e2e-none', framework: 'none', rehearse: true, rehearseFailure: true },
  {
    label: 'default framework, module config, backend server, client web',
    name: 'e2e-names',
    module: 'config',
    backend: 'server',
    client: 'web',
    rehearse: true,
  },
];

/** Each dependency format runs the whole sequence with two of the projects, in turn. */
export const FULL_RUN: ProjectSpec[] = SHAPES.map((spec, index) => {
  const pythonDeps = PYTHON_DEPENDENCY_FORMATS[index % PYTHON_DEPENDENCY_FORMATS.length];
  return { ...spec, label: `${spec.label} (${pythonDeps})`, pythonDeps, python: pythonFor(pythonDeps) };
});

const inFullRun = (framework: string, pythonDeps: string) =>
  FULL_RUN.some((spec) => (spec.framework ?? 'react-ts') === framework && spec.pythonDeps === pythonDeps);

/** Every framework × format that FULL_RUN leaves out. */
export const REST_OF_MATRIX: ProjectSpec[] = FRAMEWORKS.flatMap((framework) =>
  PYTHON_DEPENDENCY_FORMATS.filter((pythonDeps) => !inFullRun(framework, pythonDeps)).map((pythonDeps) => ({
    label: `${framework} (${pythonDeps})`,
    name: `matrix-${framework.replace('-ts', '')}-${pythonDeps}`,
    framework,
    pythonDeps,
    python: pythonFor(pythonDeps),
  })),
);
