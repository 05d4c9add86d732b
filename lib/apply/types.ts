/**
 * One file a run writes, with its final contents. `create` is a file the plan expects to be missing
 * (or already identical); `update` brings a file of ours up to date; `add-lines` is an announced edit
 * of a user's file. Only a `create` that meets a different file is a conflict: the others were shown.
 */
export interface FileChange {
  path: string;
  contents: string;
  action: 'create' | 'update' | 'add-lines';
  why?: string;
}

/** What one planned path looks like on disk, as far as the decision needs to know. */
export type PathState =
  | { kind: 'missing' }
  | { kind: 'file'; contents: string }
  | { kind: 'folder' }
  /** A link on the way (`link`, relative to the root) leads out of the project, or nowhere. */
  | { kind: 'outside-link'; link: string; target: string }
  /** A parent on the way (`blocker`) is a file, not a folder. */
  | { kind: 'parent-is-file'; blocker: string };

export interface Conflict {
  path: string;
  /** "3 lines replaced, 1 added", for the question or the refusal. */
  summary: string;
}

/** What a run will write, decided before anything is: refusals and conflicts stop it whole. */
export interface WriteDecision {
  writes: FileChange[];
  identical: string[];
  conflicts: Array<Conflict & { change: FileChange }>;
  refusals: string[];
}
