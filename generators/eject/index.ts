import { readFileSync } from 'node:fs';
import path from 'node:path';
import Generator from 'yeoman-generator';
import { globMatcher } from '../../lib/glob.js';
import { listTemplates } from '../../lib/plan/overrides.js';
import { BUILT_IN_TEMPLATES, OVERRIDE_FOLDER } from '../../lib/templates.js';
import { applyPlan, recoverFolder } from '../apply-plan.js';
import { checkedOptions, oneLineErrors } from '../yeoman-options.js';

/** `yo django-monorepo:eject [glob]`: copies built-in templates into the repo for editing. */
export default class EjectGenerator extends Generator {
  constructor(args?: string | string[], options?: Record<string, unknown>) {
    super(args as string[], checkedOptions(options) as never);
    oneLineErrors(this);
    this.argument('glob', {
      type: String,
      required: false,
      description: 'Which templates, e.g. "deploy/Procfile.ejs", "backend/**", "*.py.ejs" (default: all)',
    });
  }

  initializing(): void {
    recoverFolder(this);
  }

  async writing(): Promise<void> {
    const pattern = (this.options as { glob?: string }).glob;
    const matches = pattern ? globMatcher(pattern) : () => true;
    const chosen = listTemplates(BUILT_IN_TEMPLATES).filter((name) => matches(name) || matches(name.replace(/\.ejs$/, '')));
    if (chosen.length === 0) {
      throw new Error(`No built-in template matches ${JSON.stringify(pattern)}: try "deploy/*" or "**/heroku.py.ejs".`);
    }
    // Through the one write path: an override already edited is refused without a terminal, asked about in one.
    const copies = chosen.map((name) => ({ path: `${OVERRIDE_FOLDER}/${name}`, contents: readFileSync(path.join(BUILT_IN_TEMPLATES, name), 'utf8'), action: 'create' as const }));
    await applyPlan(this, copies);
    this.log(`${chosen.length} template(s) ejected to ${OVERRIDE_FOLDER}/: edit them, then re-run the generator.`);
  }
}
