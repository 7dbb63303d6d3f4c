import { readFileSync } from 'node:fs';

/** Reads a JSON Lines file; a bad line throws with its file and line number. */
export function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      try {
        return JSON.parse(l) as T;
      } catch {
        throw new Error(`${path}:${i + 1}: not valid JSON`);
      }
    });
}
