import { describe, expect, it } from 'vitest';
import { ResponseCache } from './cache.js';

describe('ResponseCache', () => {
  it('gives back what it kept, until the time runs out', () => {
    let t = 0;
    const c = new ResponseCache(10_000, 100, () => t);
    c.set('/a', '{"x":1}', 'application/json');
    expect(c.get('/a')?.body).toBe('{"x":1}');
    t = 101;
    expect(c.get('/a')).toBeUndefined();
    expect(c.size).toBe(0);
  });

  it('drops the least recently used first when full', () => {
    const c = new ResponseCache(1000, 1e9);
    const body = 'x'.repeat(50); // 2 × (50 + 2) = 104 bytes each: nine fit
    for (let i = 1; i <= 9; i++) c.set(`/${i}`, body, 'application/json');
    expect(c.size).toBe(9);
    c.get('/1');
    c.set('/x', body, 'application/json');
    expect(c.size).toBe(9);
    expect(c.get('/2')).toBeUndefined();
    expect(c.get('/1')).toBeDefined();
    expect(c.get('/x')).toBeDefined();
  });

  it('does not keep an answer larger than an eighth of it', () => {
    const c = new ResponseCache(1000, 1e9);
    c.set('/big', 'x'.repeat(200), 'application/json');
    expect(c.get('/big')).toBeUndefined();
  });
});
