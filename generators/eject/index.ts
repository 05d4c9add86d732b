import path from 'node:path';
import Generator from 'yeoman-generator';
import { globMatcher } from '../../lib/glob.js';
import { listTemplates } from '../../lib/plan/overrides.js';
import { BUILT_IN_TEMPLATES, OVERRIDE_FOLDER } from '../../lib/templates.js';

/** `yo django-monorepo:eject [glob]`: copies built-in templates into the repo for editing. */
export default class EjectGenerator extends Generator {
  constructor(args?: string | string[], options?: Record<string, unknown>) {
    super(args as string[], options as never);
    this.argument('glob', {
      type: String,
      required: false,
      description: 'Which templates, e.g. "deploy/Procfile.ejs", "backend/**", "*.py.ejs" (default: all)',
    });
  }

  writing(): void {
    const pattern = (this.options as { glob?: string }).glob;
    const matches = pattern ? globMatcher(pattern) : () => true;
    const chosen = listTemplates(BUILT_IN_TEMPLATES).filter((name) => matches(name) || matches(name.replace(/\.ejs$/, '')));
    if (chosen.length === 0) {
      throw new Error(`No built-in template matches ${JSON.stringify(pattern)}: try "deploy/*" or "**/heroku.py.ejs".`);
    }
    // Through mem-fs, so an override that already exists gets Yeoman's conflict prompt.
    for (const name of chosen) {
      this.fs.copy(path.join(BUILT_IN_TEMPLATES, name), this.destinationPath(OVERRIDE_FOLDER, name));
    }
    this.log(`${chosen.length} template(s) ejected to ${OVERRIDE_FOLDER}/: edit them, then re-run the generator.`);
  }
}
