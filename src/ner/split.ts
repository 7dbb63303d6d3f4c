/**
 * The fixed development split of ANERcorp's training file: sentence i (0-based, in file order) is
 * held out for development when i % 10 === 9, so every tenth sentence, 396 of 3,962 (10%). The
 * model that ships is trained on the other 90% only, so `eval:ner --split dev` measures it on
 * sentences it never saw. Deterministic, and independent of anything but the file's order.
 */
export const DEV_EVERY = 10;

export function isDevSentence(index: number): boolean {
  return index % DEV_EVERY === DEV_EVERY - 1;
}

export type SplitName = 'train' | 'dev' | 'all';

export function selectSplit<T>(sentences: readonly T[], split: SplitName): T[] {
  if (split === 'all') return sentences.slice();
  return sentences.filter((_, i) => isDevSentence(i) === (split === 'dev'));
}

/** ANERcorp's tag names → ours (PERS → PER). */
export function mapTag(tag: string): string {
  return tag.endsWith('-PERS') ? tag.slice(0, -1) : tag;
}
