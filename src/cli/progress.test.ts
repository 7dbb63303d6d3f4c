import { describe, expect, it } from 'vitest';
import { Progress, formatDuration } from './progress.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('Progress', () => {
  it('redraws one terminal line with the count, rate and ETA', () => {
    const c = clock();
    let screen = '';
    const p = new Progress({ isTTY: true, write: (s) => (screen += s), log: () => {}, label: 'ingest', now: c.now });
    for (let i = 1; i <= 20; i++) {
      c.advance(500);
      p.update({ done: i * 100, total: 4000, extra: '3 duplicates' });
    }
    const last = screen.slice(screen.lastIndexOf('\r') + 1);
    expect(last).toMatch(/^ingest \[█+░+\] 2,000 \/ 4,000 · 200\/s · ETA 10s · 3 duplicates\x1b\[K$/);
    p.finish();
    expect(screen.endsWith('\r\x1b[K')).toBe(true);
  });

  it('logs a plain line every interval when not on a terminal', () => {
    const c = clock();
    const lines: string[] = [];
    const p = new Progress({ isTTY: false, write: () => {}, log: (l) => lines.push(l), intervalMs: 10_000, now: c.now });
    for (let i = 1; i <= 50; i++) {
      c.advance(1000);
      p.update({ done: i * 10 });
    }
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^100 · 10\/s · 10s elapsed$/);
  });

  it('formats durations', () => {
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(125)).toBe('2m 05s');
    expect(formatDuration(7260)).toBe('2h 01m');
    expect(formatDuration(Infinity)).toBe('?');
  });
});
