/** One file of a plan: which template renders it and where it goes, relative to the project root. */
export interface PlannedFile {
  template: string;
  destination: string;
}
