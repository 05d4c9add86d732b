import { planBackendFiles } from '../../lib/plan/backend.js';
import { projectPartGenerator } from '../project.js';

/** `yo django-monorepo:backend`: only the Django project, with the stored answers. */
export default projectPartGenerator('backend', planBackendFiles);
