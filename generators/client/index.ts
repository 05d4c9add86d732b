import { planClientFiles } from '../../lib/plan/client.js';
import { projectPartGenerator } from '../project.js';

/** `yo django-monorepo:client`: only the Vite client, with the stored answers. */
export default projectPartGenerator('client', planClientFiles);
