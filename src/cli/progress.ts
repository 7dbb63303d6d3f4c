/**
 * A progress display for long commands. On a terminal: one line redrawn in place (\r) with a bar
 * (once the total is known), the count, the rate over the last seconds and the ETA. Elsewhere (a
 * pipe, a log file, CI): a plain line every `intervalMs`, and nothing in between.
 *
 *   ingest [██████░░░░░░░░░] 31,204 / 72,337 · 402/s · ETA 1m 42s · 812 duplicates
 */

export interface ProgressOptions {
  /** a terminal: redraw one line */
  isTTY: boolean;
  /** raw output for the terminal line (no newline added) */
  write: (s: string) => void;
  /** one log line (non-terminal) */
  log: (line: string) => void;
  label?: string;
  /** non-terminal: at most one line per this many ms (default 10 s) */
  intervalMs?: number;
  /** terminal: at most one redraw per this many ms (default 100) */
  redrawMs?: number;
  /** clock, for tests */
  now?: () => number;
}

export interface ProgressState {
  done: number;
  total?: number;
  /** more to show after the rate and ETA */
  extra?: string;
}

const WINDOW_MS = 10_000;

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

export const formatCount = (n: number): string => n.toLocaleString('en-US');

export class Progress {
  private readonly start: number;
  private readonly samples: Array<[number, number]> = [];
  private lastDraw = -Infinity;
  private lastLog: number;
  private drawn = false;
  private last: ProgressState = { done: 0 };

  constructor(private readonly o: ProgressOptions) {
    this.start = this.now();
    this.lastLog = this.start;
  }

  private now(): number {
    return this.o.now ? this.o.now() : performance.now();
  }

  /** Records the state; draws or logs when it is time. */
  update(state: ProgressState): void {
    const t = this.now();
    this.last = state;
    this.samples.push([t, state.done]);
    while (this.samples.length > 2 && this.samples[0]![0] < t - WINDOW_MS) this.samples.shift();
    if (this.o.isTTY) {
      if (t - this.lastDraw < (this.o.redrawMs ?? 100)) return;
      this.lastDraw = t;
      this.o.write(`\r${this.line(t, true)}\x1b[K`);
      this.drawn = true;
    } else if (t - this.lastLog >= (this.o.intervalMs ?? 10_000)) {
      this.lastLog = t;
      this.o.log(this.line(t, false));
    }
  }

  /** Records per second over the last seconds (since the start until there are two samples). */
  rate(t = this.now()): number {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (first && last && last[0] - first[0] >= 1000) return (last[1] - first[1]) / ((last[0] - first[0]) / 1000);
    const secs = (t - this.start) / 1000;
    return secs > 0 ? this.last.done / secs : 0;
  }

  /** The status line. */
  line(t = this.now(), bar = false): string {
    const { done, total, extra } = this.last;
    const rate = this.rate(t);
    const parts: string[] = [];
    let head = this.o.label ?? '';
    if (bar && total !== undefined && total > 0) {
      const width = 20;
      const filled = Math.min(width, Math.round((done / total) * width));
      head += `${head ? ' ' : ''}[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
    }
    parts.push(`${head ? head + ' ' : ''}${formatCount(done)}${total !== undefined ? ` / ${formatCount(total)}` : ''}`);
    parts.push(`${formatCount(Math.round(rate))}/s`);
    if (total !== undefined && rate > 0) parts.push(`ETA ${formatDuration(Math.max(0, total - done) / rate)}`);
    else parts.push(`${formatDuration((t - this.start) / 1000)} elapsed`);
    if (extra) parts.push(extra);
    return parts.join(' · ');
  }

  /** Clears the terminal line (before the summary is printed). */
  finish(): void {
    if (this.o.isTTY && this.drawn) this.o.write('\r\x1b[K');
    this.drawn = false;
  }
}
