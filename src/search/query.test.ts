import { describe, expect, it } from 'vitest';
import { QueryError, compileQuery, parseDateRange, parseQuery } from './query.js';

const err = (q: string): QueryError => {
  try {
    compileQuery(q);
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error(`no error for ${q}`);
};

describe('parseQuery', () => {
  it('splits words, phrases, exclusions and fields, with offsets', () => {
    const q = 'سوريا "الجيش السوري" -روسيا speaker:لافروف';
    const ast = parseQuery(q);
    expect(ast.nodes.map((n) => n.kind)).toEqual(['word', 'phrase', 'word', 'field']);
    for (const n of ast.nodes) expect(q.slice(n.start, n.end).length).toBe(n.end - n.start);
    expect(q.slice(ast.nodes[1]!.start, ast.nodes[1]!.end)).toBe('"الجيش السوري"');
    expect(ast.nodes[2]).toMatchObject({ kind: 'word', text: 'روسيا', negated: true });
    expect(ast.nodes[3]).toMatchObject({ kind: 'field', field: 'speaker', value: 'لافروف' });
  });

  it('reads quoted field values, field names in any case, and Arabic quotation marks', () => {
    const ast = parseQuery('Speaker:"وزارة الخارجية" «وقف إطلاق النار»');
    expect(ast.nodes[0]).toMatchObject({ kind: 'field', field: 'speaker', value: 'وزارة الخارجية', quoted: true });
    expect(ast.nodes[1]).toMatchObject({ kind: 'phrase', text: 'وقف إطلاق النار' });
  });

  it('keeps words with a colon that is not a field (10:30, urls)', () => {
    const ast = parseQuery('10:30 http://x.org/a foo:bar');
    expect(ast.nodes.map((n) => n.kind)).toEqual(['word', 'word', 'word']);
  });

  it('takes a lone dash as a word, not an exclusion', () => {
    expect(parseQuery('حلب - دمشق').nodes.map((n) => (n.kind === 'word' ? n.negated : null))).toEqual([false, false, false]);
  });
});

describe('compileQuery', () => {
  it('turns words into search keys: spelling variants and clitics meet', () => {
    expect(compileQuery('السورى').phrases).toEqual(compileQuery('السوري').phrases);
    expect(compileQuery('والمسلحين').phrases).toEqual(compileQuery('المسلحين').phrases);
    expect(compileQuery('"الجيش السوري"').phrases).toEqual([['جيش', 'سور']]);
  });

  it('deduplicates phrases and ignores punctuation-only words', () => {
    expect(compileQuery('حلب حلب ، .').phrases).toEqual([['حلب']]);
  });

  it('splits a word into several terms as a phrase (G20 → g 20)', () => {
    expect(compileQuery('G20').phrases).toEqual([['g', '20']]);
  });

  it('compiles the filters', () => {
    const p = compileQuery('speaker:"الرئيس السوري" entity:حلب outlet:BBC outlet:"Jawhara FM" type:Direct type:mixed date:2018-01..2018-03');
    expect(p.speakers).toEqual([['رييس', 'سوري']]); // name keys (hamza inside a word folded to ي, mentions.ts foldSpelling): no article, hamza seats merged, not stemmed
    expect(p.entities).toEqual([['حلب']]);
    expect(p.outlets).toEqual(['bbc', 'jawharafm']);
    expect(p.types).toEqual(['direct', 'mixed']);
    expect(p.date).toEqual({ from: '2018-01-01', to: '2018-04-01' });
    expect(p.phrases).toEqual([]);
  });

  it('points at what is wrong', () => {
    const e1 = err('حلب "الجيش السوري');
    expect(e1.code).toBe('ISNAD_QUERY_UNCLOSED_QUOTE');
    expect(e1.start).toBe(4);
    const e2 = err('حلب type:quoted');
    expect(e2.code).toBe('ISNAD_QUERY_BAD_TYPE');
    expect('حلب type:quoted'.slice(e2.start, e2.end)).toBe('quoted');
    expect(err('speaker:').code).toBe('ISNAD_QUERY_EMPTY_VALUE');
    expect(err('-speaker:لافروف').code).toBe('ISNAD_QUERY_NEGATED_FIELD');
    expect(err('date:2018 date:2019').code).toBe('ISNAD_QUERY_REPEATED_DATE');
    expect(err('date:2018-13').code).toBe('ISNAD_QUERY_BAD_DATE');
    expect(err('date:2018-02-30').code).toBe('ISNAD_QUERY_BAD_DATE');
    expect(err('date:2018-03..2018-01').code).toBe('ISNAD_QUERY_BAD_DATE');
    expect(err('  ').code).toBe('ISNAD_QUERY_EMPTY');
    expect(err('، .').code).toBe('ISNAD_QUERY_EMPTY');
  });
});

describe('parseDateRange', () => {
  it('reads years, months, days and open ranges; `to` is the day after', () => {
    expect(parseDateRange('2018')).toEqual({ from: '2018-01-01', to: '2019-01-01' });
    expect(parseDateRange('2018-12')).toEqual({ from: '2018-12-01', to: '2019-01-01' });
    expect(parseDateRange('2016-02-29')).toEqual({ from: '2016-02-29', to: '2016-03-01' });
    expect(parseDateRange('2018-02..')).toEqual({ from: '2018-02-01' });
    expect(parseDateRange('..2018-02')).toEqual({ to: '2018-03-01' });
    expect(parseDateRange('2018-1-5..2018-1-5')).toEqual({ from: '2018-01-05', to: '2018-01-06' });
  });
});
