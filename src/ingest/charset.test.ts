import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  binaryReason,
  charsetFromContentType,
  charsetName,
  checkUtf8,
  decodeText,
  rankLegacy,
  sniffCharset,
  type DecodeResult,
  type Decoded,
} from './charset.js';

/** Encodes text in a single-byte charset through the inverse of TextDecoder's table. */
function encodeSingleByte(text: string, encoding: string): Buffer {
  const d = new TextDecoder(encoding);
  const table = new Map<string, number>();
  for (let b = 255; b >= 0; b--) table.set(d.decode(Uint8Array.of(b)), b);
  return Buffer.from(
    [...text].map((c) => {
      const b = table.get(c);
      if (b === undefined) throw new Error(`${c} has no byte in ${encoding}`);
      return b;
    }),
  );
}

const utf16be = (s: string): Buffer => Buffer.from(s, 'utf16le').swap16();

const ARTICLE =
  'قال المتحدث باسم وزارة الخارجية إن الاجتماع الذي عقد في القاهرة يوم الثلاثاء ناقش الأوضاع الإنسانية في غزة، ' +
  'مضيفا أن الوفود اتفقت على مواصلة المشاورات خلال الأسبوع المقبل.\nوأكد المصدر أن الحكومة تدرس المقترحات.';
/** Letters that both Arabic legacy charsets have (no Persian letters, no Arabic-Indic digits). */
const SHORT = 'الرئيس يلتقي وفدا من البرلمان';

function ok(r: DecodeResult): Decoded {
  if (!r.ok) throw new Error(`expected a decoding, got ${r.code}: ${r.reason}`);
  return r;
}

describe('decodeText', () => {
  it('UTF-8 without a BOM', () => {
    const r = ok(decodeText(Buffer.from(ARTICLE, 'utf8')));
    expect(r).toMatchObject({ text: ARTICLE, encoding: 'utf-8', via: 'detected', warnings: [] });
    expect(r.confidence).toBeGreaterThanOrEqual(0.99);
  });

  it('UTF-8 with a BOM: the BOM is dropped', () => {
    const r = ok(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE, 'utf8')])));
    expect(r).toMatchObject({ text: ARTICLE, encoding: 'utf-8', via: 'bom', confidence: 1 });
  });

  it('UTF-16LE and UTF-16BE with a BOM', () => {
    const le = ok(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ARTICLE, 'utf16le')])));
    expect(le).toMatchObject({ text: ARTICLE, encoding: 'utf-16le', via: 'bom' });
    const be = ok(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(ARTICLE)])));
    expect(be).toMatchObject({ text: ARTICLE, encoding: 'utf-16be', via: 'bom' });
  });

  it('UTF-16LE without a BOM is recognized by its byte pattern, with a warning', () => {
    const r = ok(decodeText(Buffer.from(ARTICLE, 'utf16le')));
    expect(r.encoding).toBe('utf-16le');
    expect(r.text).toBe(ARTICLE);
    expect(r.warnings[0]).toMatch(/byte-order mark/);
  });

  it('UTF-16 with an odd byte count keeps the complete code units, with a warning', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SHORT, 'utf16le'), Buffer.from([0x27])]);
    const r = ok(decodeText(bytes));
    expect(r.text).toBe(SHORT);
    expect(r.warnings[0]).toMatch(/odd byte count/);
  });

  it('UTF-16 with an unpaired surrogate is undecodable', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SHORT, 'utf16le'), Buffer.from([0x00, 0xd8, 0x41, 0x00])]);
    expect(decodeText(bytes)).toMatchObject({ ok: false, code: 'ISNAD_INGEST_UNDECODABLE' });
  });

  it('Windows-1256 Arabic is told from ISO-8859-6', () => {
    const r = ok(decodeText(encodeSingleByte(ARTICLE, 'windows-1256')));
    expect(r).toMatchObject({ text: ARTICLE, encoding: 'windows-1256', via: 'detected' });
    expect(r.confidence).toBeGreaterThan(0.9);
  });

  it('ISO-8859-6 Arabic is told from Windows-1256', () => {
    const r = ok(decodeText(encodeSingleByte(ARTICLE, 'iso-8859-6')));
    expect(r).toMatchObject({ text: ARTICLE, encoding: 'iso-8859-6', via: 'detected' });
    expect(r.confidence).toBeGreaterThan(0.9);
  });

  it('a short Arabic headline in either legacy charset', () => {
    expect(ok(decodeText(encodeSingleByte(SHORT, 'windows-1256'))).encoding).toBe('windows-1256');
    expect(ok(decodeText(encodeSingleByte(SHORT, 'iso-8859-6'))).encoding).toBe('iso-8859-6');
  });

  it('Latin-1 French text decodes (as Windows-1256, whose accented letters are the same) and German as Windows-1252', () => {
    const fr = 'Le président a déclaré à la presse que la réunion était très importante.';
    expect(ok(decodeText(encodeSingleByte(fr, 'windows-1252'))).text).toBe(fr);
    const de = 'Der Präsident äußerte sich über die Größe des Gebäudes und die Öffentlichkeit.';
    expect(ok(decodeText(encodeSingleByte(de, 'windows-1252')))).toMatchObject({ text: de, encoding: 'windows-1252' });
  });

  it('ASCII with a few legacy punctuation bytes (no letters outside ASCII) reads as Windows-1256, with low confidence', () => {
    const r = ok(decodeText(Buffer.from([0x3f, 0x3f, 0x43, 0x20, 0x94, 0x3f, 0x45, 0x94, 0x20, 0xa0, 0x2e])));
    expect(r).toMatchObject({ encoding: 'windows-1256', text: '??C \u201d?E\u201d \u00a0.' });
    expect(r.confidence).toBeLessThanOrEqual(0.5);
  });

  it('pure ASCII is UTF-8 with full confidence', () => {
    expect(ok(decodeText(Buffer.from('Reuters - Cairo, 5 March 2024')))).toMatchObject({ encoding: 'utf-8', confidence: 1 });
  });

  it('empty input decodes to the empty string', () => {
    expect(ok(decodeText(Buffer.alloc(0))).text).toBe('');
  });

  it('UTF-8 cut inside its last character keeps the complete ones, with a warning', () => {
    const bytes = Buffer.from(SHORT, 'utf8');
    const cut = bytes.subarray(0, bytes.length - 1); // the last letter (ن, 2 bytes) loses a byte
    const r = ok(decodeText(cut));
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toBe(SHORT.slice(0, -1));
    expect(r.warnings[0]).toMatch(/truncated/);
    expect(r.confidence).toBeLessThan(0.99);
  });

  it('a few invalid bytes among much valid UTF-8 become U+FFFD, with a warning', () => {
    const bytes = Buffer.concat([Buffer.from(ARTICLE, 'utf8'), Buffer.from([0xff]), Buffer.from(ARTICLE, 'utf8')]);
    const r = ok(decodeText(bytes));
    expect(r.encoding).toBe('utf-8');
    expect(r.text).toBe(`${ARTICLE}\uFFFD${ARTICLE}`);
    expect(r.warnings[0]).toMatch(/1 invalid UTF-8 sequence/);
  });

  it('binary input is a failure: NUL bytes, control bytes, known signatures', () => {
    expect(decodeText(Buffer.from([0x41, 0x00, 0x42, 0x43, 0x00, 0x00, 0x01, 0x02, 0x03]))).toMatchObject({ ok: false, code: 'ISNAD_INGEST_BINARY' });
    expect(decodeText(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 0x41, 0x42]))).toMatchObject({ ok: false, code: 'ISNAD_INGEST_BINARY' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(decodeText(png)).toEqual({ ok: false, code: 'ISNAD_INGEST_BINARY', reason: 'a PNG file, not text' });
    expect(decodeText(Buffer.from('%PDF-1.7\n'))).toMatchObject({ ok: false, code: 'ISNAD_INGEST_BINARY' });
  });

  it('NUL bytes padding the end of a text are dropped, with a warning; NULs inside are binary', () => {
    const padded = Buffer.concat([Buffer.from(ARTICLE, 'utf8'), Buffer.from([0x00])]);
    expect(ok(decodeText(padded))).toMatchObject({ text: ARTICLE, warnings: ['1 NUL byte at the end dropped'] });
    const legacy = Buffer.concat([encodeSingleByte(ARTICLE, 'windows-1256'), Buffer.alloc(3)]);
    expect(ok(decodeText(legacy))).toMatchObject({ text: ARTICLE, encoding: 'windows-1256', warnings: ['3 NUL bytes at the end dropped'] });
    expect(ok(decodeText(Buffer.concat([encodeSingleByte(SHORT, 'windows-1256'), Buffer.from([0])]), { encoding: 'windows-1256' })).text).toBe(SHORT);
    const inner = Buffer.concat([Buffer.from(SHORT, 'utf8'), Buffer.from([0x00]), Buffer.from(SHORT, 'utf8')]);
    expect(decodeText(inner)).toMatchObject({ ok: false, code: 'ISNAD_INGEST_BINARY' });
  });

  it('high bytes that read cleanly in no charset are undecodable', () => {
    const junk = Buffer.from(Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? 0x20 : 0x80 + ((i * 37) % 0x40))));
    expect(decodeText(junk)).toMatchObject({ ok: false, code: 'ISNAD_INGEST_UNDECODABLE' });
  });

  describe('declared charsets', () => {
    it('a declared Windows-1256 is used', () => {
      const r = ok(decodeText(encodeSingleByte(SHORT, 'windows-1256'), { declared: 'windows-1256' }));
      expect(r).toMatchObject({ text: SHORT, encoding: 'windows-1256', via: 'declared' });
    });

    it('labels are read the WHATWG way (cp1256, arabic, latin1)', () => {
      expect(ok(decodeText(encodeSingleByte(SHORT, 'windows-1256'), { declared: 'CP1256' })).encoding).toBe('windows-1256');
      expect(ok(decodeText(encodeSingleByte(SHORT, 'iso-8859-6'), { declared: 'arabic' })).encoding).toBe('iso-8859-6');
    });

    it('a declared UTF-8 that is not UTF-8 loses to detection, with a warning', () => {
      const r = ok(decodeText(encodeSingleByte(ARTICLE, 'windows-1256'), { declared: 'utf-8' }));
      expect(r).toMatchObject({ text: ARTICLE, encoding: 'windows-1256', via: 'detected' });
      expect(r.warnings.join(' ')).toMatch(/not UTF-8/);
    });

    it('a declared legacy charset on valid UTF-8 loses to UTF-8', () => {
      const r = ok(decodeText(Buffer.from(ARTICLE, 'utf8'), { declared: 'windows-1256' }));
      expect(r).toMatchObject({ text: ARTICLE, encoding: 'utf-8' });
      expect(r.warnings.join(' ')).toMatch(/valid UTF-8/);
    });

    it('a declared ISO-8859-6 on Windows-1256 bytes loses to the statistics', () => {
      const r = ok(decodeText(encodeSingleByte(ARTICLE, 'windows-1256'), { declared: 'iso-8859-6' }));
      expect(r).toMatchObject({ text: ARTICLE, encoding: 'windows-1256' });
    });

    it('a declared Latin-1 on Arabic bytes loses (a common server default)', () => {
      const r = ok(decodeText(encodeSingleByte(ARTICLE, 'windows-1256'), { declared: 'iso-8859-1' }));
      expect(r).toMatchObject({ text: ARTICLE, encoding: 'windows-1256' });
    });

    it('an unknown label is ignored with a warning', () => {
      const r = ok(decodeText(Buffer.from(SHORT, 'utf8'), { declared: 'x-no-such' }));
      expect(r.encoding).toBe('utf-8');
      expect(r.warnings[0]).toMatch(/unknown/);
    });

    it('the first plausible declaration wins: HTTP header before the meta tag', () => {
      const html = Buffer.concat([Buffer.from('<html><head><meta charset="iso-8859-6"></head><body>'), encodeSingleByte(ARTICLE, 'windows-1256'), Buffer.from('</body></html>')]);
      expect(ok(decodeText(html, { declared: ['windows-1256'], sniff: true })).encoding).toBe('windows-1256');
    });

    it('with sniff, a meta tag is honored when nothing else is declared', () => {
      const html = Buffer.concat([Buffer.from('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head><body>'), encodeSingleByte(SHORT, 'windows-1256')]);
      expect(ok(decodeText(html, { sniff: true }))).toMatchObject({ encoding: 'windows-1256', via: 'declared' });
    });
  });

  describe('a forced encoding', () => {
    it('decodes strictly', () => {
      expect(ok(decodeText(encodeSingleByte(SHORT, 'iso-8859-6'), { encoding: 'iso-8859-6' }))).toMatchObject({ text: SHORT, via: 'forced', confidence: 1 });
      expect(decodeText(Buffer.from([0xc7, 0xe1]), { encoding: 'utf-8' })).toMatchObject({ ok: false, code: 'ISNAD_INGEST_UNDECODABLE' });
    });

    it('an unknown encoding name throws a coded error', () => {
      expect(() => decodeText(Buffer.from('x'), { encoding: 'klingon' })).toThrow(/ISNAD_INGEST_UNKNOWN_ENCODING/);
    });
  });

  it('round-trips any text through UTF-8, UTF-16LE and UTF-16BE with a BOM (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (s) => {
        const t = s.replace(/\uFEFF/g, '');
        expect(ok(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')]))).text).toBe(t);
        expect(ok(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]))).text).toBe(t);
        expect(ok(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(t)]))).text).toBe(t);
      }),
    );
  });

  it('never throws on random bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = decodeText(bytes);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });
});

describe('checkUtf8', () => {
  it('rejects overlongs, surrogates and code points past U+10FFFF', () => {
    expect(checkUtf8(Buffer.from([0xc0, 0xaf])).invalid).toBeGreaterThan(0); // overlong "/"
    expect(checkUtf8(Buffer.from([0xed, 0xa0, 0x80])).invalid).toBeGreaterThan(0); // U+D800
    expect(checkUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80])).invalid).toBeGreaterThan(0); // U+110000
    expect(checkUtf8(Buffer.from('سلام 😀', 'utf8'))).toEqual({ firstInvalid: -1, invalid: 0, multibyte: 5, truncatedTail: 0 });
  });

  it('tells a cut last character from an invalid one', () => {
    expect(checkUtf8(Buffer.from([0x41, 0xd8]))).toMatchObject({ invalid: 0, truncatedTail: 1 });
    expect(checkUtf8(Buffer.from([0xd8, 0x41]))).toMatchObject({ invalid: 1, firstInvalid: 0, truncatedTail: 0 });
  });
});

describe('rankLegacy', () => {
  it('puts the right reading first by a wide margin', () => {
    const [best, second] = rankLegacy(encodeSingleByte(ARTICLE, 'windows-1256'));
    expect(best!.encoding).toBe('windows-1256');
    expect(best!.score - second!.score).toBeGreaterThan(20);
  });
});

describe('declarations', () => {
  it('sniffCharset reads the XML prolog, meta charset and http-equiv', () => {
    expect(sniffCharset(Buffer.from('<?xml version="1.0" encoding="windows-1256"?><rss/>'))).toBe('windows-1256');
    expect(sniffCharset(Buffer.from('<!doctype html><html><head><meta charset=utf-8>'))).toBe('utf-8');
    expect(sniffCharset(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6" />'))).toBe('ISO-8859-6');
    expect(sniffCharset(Buffer.from('<html><body>no declaration</body></html>'))).toBeUndefined();
  });

  it('charsetFromContentType reads the charset parameter', () => {
    expect(charsetFromContentType('text/html; charset="windows-1256"')).toBe('windows-1256');
    expect(charsetFromContentType('text/html')).toBeUndefined();
    expect(charsetFromContentType(null)).toBeUndefined();
  });

  it('charsetName gives WHATWG names', () => {
    expect(charsetName('cp1256')).toBe('windows-1256');
    expect(charsetName('ISO_8859-6')).toBe('iso-8859-6');
    expect(charsetName('latin1')).toBe('windows-1252');
    expect(charsetName('nope')).toBeUndefined();
  });

  it('binaryReason is undefined for text', () => {
    expect(binaryReason(Buffer.from(ARTICLE, 'utf8'))).toBeUndefined();
    expect(binaryReason(Buffer.from('\x1b[31mred\x1b[0m\tand\r\n'))).toBeUndefined();
  });
});
