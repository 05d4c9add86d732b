/** A write the run refused or could not do, in one line that says what to do; the bin prints only the message. */
export class ApplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ApplyError';
  }
}

const SENTENCES: Record<string, (file: string) => string> = {
  ENOSPC: (file) => `No space left on the disk holding ${file}: free some space and run again.`,
  EDQUOT: (file) => `The disk quota is used up writing ${file}: free some space and run again.`,
  EACCES: (file) => `No permission to write ${file}: fix the folder's permissions (or choose another folder) and run again.`,
  EPERM: (file) => `Not permitted to write ${file}: fix the folder's permissions (or choose another folder) and run again.`,
  EROFS: (file) => `${file} is on a read-only file system: choose a folder on a writable disk.`,
  ENAMETOOLONG: (file) => `${file} is a longer path than the file system takes: choose a shorter folder or name.`,
  ENOTDIR: (file) => `A part of ${file} is a file, not a folder: move it away or choose another folder.`,
  EISDIR: (file) => `${file} is a folder, where a file goes: move it away and run again.`,
  EIO: (file) => `The disk failed writing ${file} (I/O error): check the disk and run again.`,
};

/** A system error (ENOSPC, EACCES, ...) as a sentence naming the file; anything else is returned as it is. */
export function explainSystemError(error: unknown, file: string, outcome: string): Error {
  if (error instanceof ApplyError) return error;
  const code = (error as NodeJS.ErrnoException)?.code;
  const sentence = code ? SENTENCES[code] : undefined;
  if (sentence) return new ApplyError(`${sentence(file)}${outcome ? ` (${outcome})` : ''}`);
  if (code) return new ApplyError(`Could not write ${file} (${code}): ${(error as Error).message.split('\n')[0]}${outcome ? ` (${outcome})` : ''}`);
  return error as Error;
}
