/**
 * JSON.parse for files users edit: editors on Windows may save a UTF-8 byte-order mark, which npm and
 * other JSON readers skip but JSON.parse rejects. Throws as JSON.parse does.
 */
export function parseJsonFile(text: string): unknown {
  return JSON.parse(text.replace(/^\uFEFF/, ''));
}
