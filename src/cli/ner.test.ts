import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasNerModel } from '../ner/load.js';
import { parseScored } from '../ner/score.js';
import { CliError } from './errors.js';
import { HELP, nerCommand } from './ner.js';

const dir = mkdtempSync(join(tmpdir(), 'isnad-ner-'));
const file = (name: string, content: string): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

async function run(input: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await nerCommand(input, (s) => (out += s), (s) => (err += s + '\n'));
  return { code, out, err };
}

// our own sentences, ANERcorp's layout
const CONLL = ['قال O', 'الرئيس O', 'سامي B-PERS', 'نور I-PERS', 'في O', 'دمشق B-LOC', '. O', '', 'وصلت O', 'بعثة O', 'الأمم B-ORG', 'المتحدة I-ORG', 'إلى O', 'حلب B-LOC', ''].join('\n');

describe('isnad ner --conll', () => {
  it('has help with an example', () => {
    expect(HELP).toMatch(/--conll FILE/);
  });

  it.skipIf(!hasNerModel())('writes word gold predicted lines in the input layout, PERS as PER', async () => {
    const r = await run(file('two.conll', CONLL));
    expect(r.code).toBe(0);
    const inLines = CONLL.trimEnd().split('\n');
    const outLines = r.out.trimEnd().split('\n');
    expect(outLines).toHaveLength(inLines.length);
    outLines.forEach((line, i) => {
      if (inLines[i] === '') return expect(line).toBe('');
      const [word, gold, pred, extra] = line.split(' ');
      expect(word).toBe(inLines[i]!.split(' ')[0]);
      expect(gold).toBe(inLines[i]!.split(' ')[1]!.replace('PERS', 'PER'));
      expect(pred).toMatch(/^(O|[BI]-(PER|LOC|ORG|MISC))$/);
      expect(extra).toBeUndefined();
    });
    expect(parseScored(r.out)!.pred[0]).toContain('B-LOC');
    expect(r.err).toMatch(/tagged 2 sentences, 13 words/);
  });

  it('refuses a missing or empty file with a code', async () => {
    await expect(run(join(dir, 'nope.conll'))).rejects.toMatchObject({ code: 'ISNAD_INPUT_NOT_FOUND' });
    await expect(run(file('empty.conll', ''))).rejects.toBeInstanceOf(CliError);
  });
});
