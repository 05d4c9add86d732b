// Checks of the target folder made before anything is asked or written, so what is wrong with it is
// said in one line naming the file and the fix, not found out by Yeoman half-way.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_KEY } from './target.js';
import { parseJsonFile } from './json.js';

/** The target must be a folder or not exist yet; none of its parents may be a file. */
export function checkTargetPath(target: string): void {
  for (let folder = target; ; folder = path.dirname(folder)) {
    const found = statOf(folder);
    if (found && !found.isDirectory()) {
      throw new Error(
        folder === target
          ? `${target} is a file, not a folder: choose a new folder name for the project.`
          : `${folder} is a file, so ${target} cannot be a folder: choose another folder for the project.`,
      );
    }
    if (found || path.dirname(folder) === folder) return;
  }
}

/**
 * The answers stored in `<folder>/.yo-rc.json`, or undefined when there are none. A file that is not
 * JSON, or not the shape Yeoman writes, is refused naming the file and what to do.
 */
export function readStoredAnswers(folder: string): Record<string, unknown> | undefined {
  const file = path.join(folder, '.yo-rc.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
  const fix = 'fix it, or delete it to answer the questions again';
  let config: unknown;
  try {
    config = parseJsonFile(text);
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${(error as Error).message}): ${fix}.`);
  }
  if (!isObject(config)) throw new Error(`${file} must hold a JSON object: ${fix}.`);
  const answers = config[CONFIG_KEY];
  if (answers === undefined) return undefined;
  if (!isObject(answers)) throw new Error(`${file}: "${CONFIG_KEY}" must be an object of answers: ${fix}.`);
  return answers;
}

/** Undefined when nothing is there, also when a parent is a file (ENOTDIR): the walk up finds that file. */
function statOf(file: string): ReturnType<typeof statSync> | undefined {
  try {
    return statSync(file, { throwIfNoEntry: false });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
