/**
 * A read-only view of the files Heroku would build: a commit (`git ls-tree` + `git show`), a plan laid
 * over a repo, or a test's object. Paths are `/`-separated and relative to the repository root.
 */
export interface BuildTree {
  readonly files: readonly string[];
  /** The file's text, or undefined when it is not in the tree (or cannot be read). */
  read(path: string): string | undefined;
  /**
   * True when these files are already in a commit: git's ignore rules no longer apply to them. False
   * (the default) for a working tree or a plan, where an ignored deployment file would never be committed.
   */
  readonly committed?: boolean;
}

/** How the repository is deployed: `.buildpacks` + heroku-buildpack-subdir, or Heroku's own buildpacks at the root. */
export type BuildLayout = 'subdir' | 'official';

/** One thing Heroku's build would refuse (`error`) or warn about (`warning`), with what to change. */
export interface BuildFinding {
  /** Stable id of the rule, e.g. `pipfile-needs-lock`. */
  rule: string;
  severity: 'error' | 'warning';
  /** The file or folder the finding is about, relative to the repository root. */
  path?: string;
  message: string;
  fix: string;
  /** The buildpack version or changelog entry the rule was read from. */
  source: string;
}

/** A folder one of Heroku's buildpacks builds, as `.buildpacks` (or the layout) names it. */
export interface BuildApp {
  /** Folder relative to the repository root; '' is the root. */
  dir: string;
  buildpack: 'python' | 'nodejs';
}

/** What a rule sees: the tree and the folders its buildpacks build. */
export interface RuleInput {
  tree: BuildTree;
  layout: BuildLayout;
  apps: readonly BuildApp[];
}

/** One of Heroku's build rules as data: its id, where it comes from, and the check. */
export interface BuildRule {
  id: string;
  source: string;
  check(input: RuleInput): Omit<BuildFinding, 'rule' | 'source'>[];
}
