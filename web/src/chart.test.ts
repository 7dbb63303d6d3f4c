import { describe, expect, it } from 'vitest';
import { fillMonths } from './chart.js';

describe('fillMonths', () => {
  it('adds the empty months between, across a year end', () => {
    expect(fillMonths([{ value: '2023-11', count: 2 }, { value: '2024-02', count: 1 }])).toEqual([
      { value: '2023-11', count: 2 },
      { value: '2023-12', count: 0 },
      { value: '2024-01', count: 0 },
      { value: '2024-02', count: 1 },
    ]);
  });
  it('sorts, and ignores values that are not months', () => {
    expect(fillMonths([{ value: '2024-03', count: 1 }, { value: 'x', count: 9 }, { value: '2024-02', count: 4 }])).toEqual([
      { value: '2024-02', count: 4 },
      { value: '2024-03', count: 1 },
    ]);
  });
  it('is empty without months', () => {
    expect(fillMonths([])).toEqual([]);
  });
});
