import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type Io } from './main.js';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (s) => (out += s), err: (s) => (err += s + '\n'), isTTY: false };
  const code = await main(args, io);
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'isnad-cli-'));
const file = (name: string, content: string | Buffer): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const ARTICLE = 'عنوان الخبر\nقال الوزير إن الوضع مستقر. وأضاف أن الحكومة تعمل.\n';

describe('isnad CLI', () => {
  it('--help teaches the commands', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/analyze FILE/);
    expect((await run(['help', 'analyze'])).out).toMatch(/--jsonl/);
    expect((await run(['analyze', '--help'])).out).toMatch(/--format/);
  });
  it('analyze FILE prints a JSON document', async () => {
    const r = await run(['analyze', file('a.txt', ARTICLE)]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.id).toBe('a');
    expect(doc.blocks.map((b: { type: string }) => b.type)).toEqual(['headline', 'body']);
  });
  it('--layers limits the output', async () => {
    const doc = JSON.parse((await run(['analyze', file('b.txt', ARTICLE), '--layers', 'blocks'])).out);
    expect(doc.blocks).toBeDefined();
    expect(doc.tokens).toBeUndefined();
  });
  it('--format pretty shows blocks and sentences', async () => {
    const r = await run(['analyze', file('c.txt', ARTICLE), '--format', 'pretty']);
    expect(r.out).toMatch(/\[headline\]/);
    expect(r.out).toMatch(/وأضاف أن الحكومة تعمل\./);
    expect(r.out).not.toMatch(/\x1b\[/);
  });
  it('--jsonl analyzes each line, reports bad lines and goes on', async () => {
    const p = file('d.jsonl', [JSON.stringify({ id: 'one', title: 'عنوان', text: ARTICLE }), 'not json', JSON.stringify({ id: 'three' }), JSON.stringify({ id: 4, text: 'قال الوزير.' })].join('\n'));
    const r = await run(['analyze', '--jsonl', p]);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((d) => d.id)).toEqual(['one', '4']);
    expect(lines[0].meta.title).toBe('عنوان');
    expect(r.err).toMatch(/line 2: skipped: not valid JSON/);
    expect(r.err).toMatch(/line 3: skipped: no "text"/);
    expect(r.code).toBe(1);
  });
  const bad: Array<[string, string | Buffer, RegExp]> = [
    ['empty', '', /ISNAD_INPUT_EMPTY/],
    ['binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2]), /ISNAD_INPUT_BINARY/],
    ['not UTF-8', Buffer.from([0xd9, 0x82, 0xff, 0xfe, 0x41]), /ISNAD_INPUT_NOT_UTF8/],
    ['not Arabic', 'The minister said the situation was stable.', /ISNAD_INPUT_NOT_ARABIC/],
  ];
  for (const [name, content, code] of bad) {
    it(`refuses ${name} input with one line and exit 1`, async () => {
      const r = await run(['analyze', file(`bad-${name}.txt`, content)]);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(code);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.out).toBe('');
    });
  }
  it('refuses a file over --max-bytes', async () => {
    const r = await run(['analyze', file('big.txt', ARTICLE.repeat(20)), '--max-bytes', '100']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ISNAD_INPUT_TOO_LARGE/);
  });
  it('decodes Windows-1256 with --encoding', async () => {
    // "قال" in Windows-1256
    const r = await run(['analyze', file('cp.txt', Buffer.from([0xde, 0xc7, 0xe1])), '--encoding', 'windows-1256', '--layers', 'tokens']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).tokens[0].text).toBe('قال');
  });
  it('usage errors exit 2', async () => {
    expect((await run(['analyze'])).code).toBe(2);
    expect((await run(['analyze', 'x', '--format', 'xml'])).code).toBe(2);
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['analyze', 'missing-file.txt'])).code).toBe(1);
  });
});
