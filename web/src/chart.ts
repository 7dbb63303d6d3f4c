/**
 * Mentions over time as an SVG bar chart, drawn here (no chart library): one bar per month from
 * the first to the last, empty months included, so that gaps show as gaps. Each bar has a <title>
 * (month and count) and the chart a text summary for screen readers.
 */
import { svg } from './dom.js';
import { fmt, monthLabel } from './labels.js';

export interface MonthCount {
  value: string;
  count: number;
}

/** Every month from the first to the last of `data` (YYYY-MM, sorted), with zeros where none. */
export function fillMonths(data: readonly MonthCount[]): MonthCount[] {
  const valid = data.filter((d) => /^\d{4}-\d{2}$/.test(d.value));
  if (valid.length === 0) return [];
  const counts = new Map(valid.map((d) => [d.value, d.count]));
  const sorted = [...counts.keys()].sort();
  let [y, m] = sorted[0]!.split('-').map(Number) as [number, number];
  const last = sorted[sorted.length - 1]!;
  const out: MonthCount[] = [];
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push({ value: key, count: counts.get(key) ?? 0 });
    if (key >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

const W = 640;
const H = 180;
const PAD = { top: 12, bottom: 28, side: 8 };

export function timelineChart(data: readonly MonthCount[], label: string): SVGSVGElement {
  const months = fillMonths(data);
  const max = Math.max(1, ...months.map((d) => d.count));
  const n = Math.max(1, months.length);
  const slot = (W - 2 * PAD.side) / n;
  const bar = Math.max(1, slot * 0.8);
  const plotH = H - PAD.top - PAD.bottom;
  const total = months.reduce((s, d) => s + d.count, 0);
  const every = Math.ceil(n / 8);
  // time runs right to left, as the page reads
  const x = (i: number): number => W - PAD.side - (i + 1) * slot + (slot - bar) / 2;
  return svg(
    'svg',
    { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `${label}: ${fmt.format(total)} مقالا في ${fmt.format(months.length)} شهرا` },
    svg('line', { x1: PAD.side, x2: W - PAD.side, y1: H - PAD.bottom, y2: H - PAD.bottom, class: 'axis' }),
    months.map((d, i) => {
      const hgt = (d.count / max) * plotH;
      return svg(
        'g',
        { class: 'bar', 'data-month': d.value, 'data-count': d.count },
        svg('rect', { x: x(i).toFixed(1), y: (H - PAD.bottom - hgt).toFixed(1), width: bar.toFixed(1), height: hgt.toFixed(1) }, svg('title', {}, `${monthLabel(d.value)}: ${fmt.format(d.count)}`)),
        i % every === 0 ? svg('text', { x: (x(i) + bar / 2).toFixed(1), y: H - 8, 'text-anchor': 'middle', class: 'tick' }, monthLabel(d.value)) : null,
      );
    }),
    svg('text', { x: W - PAD.side, y: PAD.top, 'text-anchor': 'start', class: 'max' }, fmt.format(max)),
  );
}
