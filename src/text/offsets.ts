/**
 * Maps positions in a normalized string back to the original string.
 *
 * Positions are UTF-16 code-unit indices; spans are `[start, end)`. Each normalized code unit
 * knows the original range it came from: one-to-one for kept and replaced characters, the same
 * range for every unit of an expansion (ﻻ → لا), and deleted marks or tatweel widen the range
 * of the letter before them, so a span over a vowelled word covers its last vowel too.
 *
 *   original    ك َ ت َ ب َ        (6 code units)
 *   normalized  ك ت ب               starts 0 2 4, ends 2 4 6
 */
export class OffsetMap {
  /** `starts`/`ends` are undefined for the identity map (nothing changed). */
  constructor(
    private readonly starts: Int32Array | undefined,
    private readonly ends: Int32Array | undefined,
    readonly originalLength: number,
  ) {}

  static identity(length: number): OffsetMap {
    return new OffsetMap(undefined, undefined, length);
  }

  get isIdentity(): boolean {
    return this.starts === undefined;
  }

  /** Length of the normalized string. */
  get length(): number {
    return this.starts ? this.starts.length : this.originalLength;
  }

  /** The original span of the normalized span `[start, end)`. */
  toOriginal(start: number, end: number): [number, number] {
    const { starts, ends } = this;
    if (!starts || !ends) return [start, end];
    const n = starts.length;
    if (start < 0 || end < start || end > n) throw new RangeError(`span [${start}, ${end}) outside 0..${n}`);
    if (start === end) {
      const at = start < n ? starts[start]! : this.originalLength;
      return [at, at];
    }
    return [starts[start]!, ends[end - 1]!];
  }

  /** The original position where normalized position `i` starts (`length` maps to the end). */
  originalStart(i: number): number {
    if (!this.starts) return i;
    return i < this.starts.length ? this.starts[i]! : this.originalLength;
  }

  /** The original position where the normalized character before `i` ends. */
  originalEnd(i: number): number {
    if (!this.ends) return i;
    return i > 0 ? this.ends[i - 1]! : 0;
  }

  /** The first normalized position whose original range does not end before `orig` (binary search). */
  toNormalized(orig: number): number {
    const { starts, ends } = this;
    if (!starts || !ends) return orig;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! <= orig) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
