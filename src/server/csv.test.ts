import { describe, expect, it } from 'vitest';
import { csvField, csvHeader, csvLine, quoteCsvLine } from './csv.js';
import type { QuoteRow } from '../store/store.js';

describe('csvField', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('قال، "نعم"')).toBe('"قال، ""نعم"""');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('سطر\nسطر')).toBe('"سطر\nسطر"');
    expect(csvField('بسيط')).toBe('بسيط');
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
  });

  it('keeps spreadsheet formulas from running', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-2')).toBe("'-2");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});

describe('quoteCsvLine', () => {
  it('writes one attribution in the header order, relays joined', () => {
    const span = (text: string) => ({ start: 0, end: text.length, text });
    const q: QuoteRow = {
      docId: 'd1',
      idx: 2,
      date: '2024-03-05',
      outlet: 'الأهرام',
      url: 'https://example.org/a',
      title: null,
      type: 'indirect',
      speakerKey: 'مسوول',
      cue: span('نقلت'),
      source: span('مسؤول'),
      speaker: span('مسؤول في الوزارة'),
      content: span('الدعم سيبدأ'),
      medium: null,
      via: [span('وكالة رويترز'), span('صحيفة محلية')],
      hedge: null,
    };
    expect(csvHeader()).toBe('\uFEFFdoc_id,idx,date,outlet,type,speaker,source,cue,content,medium,via,hedge,title,url\r\n');
    expect(quoteCsvLine(q)).toBe('d1,2,2024-03-05,الأهرام,indirect,مسؤول في الوزارة,مسؤول,نقلت,الدعم سيبدأ,,وكالة رويترز ← صحيفة محلية,,,https://example.org/a\r\n');
    expect(csvLine(['a', null, 'b'])).toBe('a,,b\r\n');
  });
});
