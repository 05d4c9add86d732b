import type { TemplateContext } from '../context.js';
import { planFolder } from './paths.js';
import type { PlannedFile } from './types.js';

const DJANGO_PROJECT = [
  'manage.py',
  'gunicorn.conf.py',
  'ruff.toml',
  'requirements-dev.txt',
  '__module__/__init__.py',
  '__module__/settings/__init__.py',
  '__module__/settings/base.py',
  '__module__/settings/development.py',
  '__module__/settings/heroku.py',
  '__module__/urls.py',
  '__module__/views.py',
  '__module__/wsgi.py',
  '__module__/asgi.py',
  '__module__/tests.py',
  '__module__/management/__init__.py',
  '__module__/management/commands/__init__.py',
  '__module__/management/commands/rehearse.py',
  '_python-version',
];

// The lock files (Pipfile.lock, uv.lock) are made by the tools themselves in the install step.
const DEPENDENCY_FILES = { pip: ['requirements.txt'], uv: ['pyproject.toml'], pipenv: ['Pipfile'] } as const;

/** The Django project in the backend folder. */
export function planBackendFiles(context: TemplateContext): PlannedFile[] {
  // The official layout's Python buildpack reads .python-version at the root only (planDeployFiles).
  const project = context.layout === 'official' ? DJANGO_PROJECT.filter((file) => file !== '_python-version') : DJANGO_PROJECT;
  // `manage.py dev` runs Django and Vite together; an API-only project has `runserver`.
  const dev = context.hasClient ? ['__module__/management/commands/dev.py'] : [];
  const files = [...project, ...dev, ...DEPENDENCY_FILES[context.pythonDeps]];
  return planFolder('backend', files, context.backendDir, context);
}
