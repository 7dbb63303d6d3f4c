import { describe, expect, it } from 'vitest';
import { pairQuotes, quoteMark } from './quotes.js';
import { MAX_SENTENCE_TOKENS, splitSentences } from './sentences.js';
import { tokens } from './words.js';
import { tokenize } from './tokenize.js';

function sentences(s: string): string[] {
  const toks = tokenize(s).map((t) => ({ ...t, text: s.slice(t.start, t.end) }));
  return splitSentences(toks).map(([a, b]) => s.slice(toks[a]!.start, toks[b - 1]!.end));
}

describe('splitSentences', () => {
  it('keeps a short parenthesis with dots in one sentence, but not a long one', () => {
    expect(sentences('يعتقد مسؤولو الاستخبارات (سي. أي. آيه) أنه يقف وراءه. ثم انتهى.')).toEqual(['يعتقد مسؤولو الاستخبارات (سي. أي. آيه) أنه يقف وراءه.', 'ثم انتهى.']);
    const long = '(' + Array.from({ length: 8 }, () => 'كلمة أخرى.').join(' ') + ')';
    expect(sentences(`بدأ النص ${long} وانتهى.`).length).toBeGreaterThan(1);
  });

  it('splits after . ! ? ؟', () => {
    expect(sentences('وصل الوفد. بدأ الاجتماع! هل انتهى؟ نعم.')).toEqual(['وصل الوفد.', 'بدأ الاجتماع!', 'هل انتهى؟', 'نعم.']);
  });
  it('keeps a quoted passage of several sentences in the sentence that reports it', () => {
    expect(sentences('وقال: "ذهبنا هناك. والآن قد يحدث هذا". ثم غادر.')).toEqual(['وقال: "ذهبنا هناك. والآن قد يحدث هذا".', 'ثم غادر.']);
  });
  it('keeps a closing quote glued to the final dot with its sentence', () => {
    expect(sentences('قال الوزير «الوضع مستقر.» وغادر القاعة.')).toEqual(['قال الوزير «الوضع مستقر.» وغادر القاعة.']);
  });
  it('an unbalanced quote does not swallow the paragraph', () => {
    expect(sentences('قال "الوضع مستقر. وغادر القاعة. ثم عاد.')).toEqual(['قال "الوضع مستقر.', 'وغادر القاعة.', 'ثم عاد.']);
  });
  it('does not split after an ellipsis', () => {
    expect(sentences('القوات تقترب بسرعة.. وهذه الرسالة قد تكون الأخيرة… ربما.')).toEqual(['القوات تقترب بسرعة.. وهذه الرسالة قد تكون الأخيرة… ربما.']);
  });
  it('does not split after a one-letter abbreviation (د. م.)', () => {
    expect(sentences('استقبل د. أحمد زويل الوفد عام 1999 م. وقال إنه سعيد.')).toEqual(['استقبل د. أحمد زويل الوفد عام 1999 م. وقال إنه سعيد.']);
  });
  it('does not split after Latin abbreviations', () => {
    expect(sentences('التقى Dr. Smith نظيره. ثم غادر.')).toEqual(['التقى Dr. Smith نظيره.', 'ثم غادر.']);
  });
  it('numbers with dots do not split', () => {
    expect(sentences('بلغ النمو 8.5 في المئة. وارتفع التضخم.')).toEqual(['بلغ النمو 8.5 في المئة.', 'وارتفع التضخم.']);
  });
  it('text without final punctuation is one sentence', () => {
    expect(sentences('قوات الجيش تتجول في المدينة')).toEqual(['قوات الجيش تتجول في المدينة']);
  });
});

describe('pairQuotes', () => {
  const pairs = (s: string): Array<[string, string]> => {
    const toks = tokenize(s).map((t) => ({ ...t, text: s.slice(t.start, t.end) }));
    const p = pairQuotes(toks);
    const out: Array<[string, string]> = [];
    p.forEach((j, i) => {
      if (j > i) out.push([s.slice(toks[i]!.end, toks[j]!.start), `${toks[i]!.text}${toks[j]!.text}`]);
    });
    return out;
  };
  it('pairs straight quotes in order', () => {
    expect(pairs('ما يسمى بـ"المعارضة" قال "انهيار مريع"')).toEqual([['المعارضة', '""'], ['انهيار مريع', '""']]);
  });
  it('leaves the last of an odd number of straight quotes unpaired', () => {
    expect(pairs('قال "نعم" ثم "لا')).toEqual([['نعم', '""']]);
  });
  it('pairs nested guillemets and curly quotes', () => {
    expect(pairs('قال «إن “الحل” قريب»')).toEqual([['إن “الحل” قريب', '«»'], ['الحل', '“”']]);
  });
  it('reads mirrored marks (» … «) as a pair', () => {
    expect(pairs('قال »الوضع هادئ« أمس')).toEqual([['الوضع هادئ', '»«']]);
  });
  it('knows the families and directions', () => {
    expect(quoteMark('«')).toEqual({ family: 'guillemet', dir: 1 });
    expect(quoteMark('”')).toEqual({ family: 'curly', dir: -1 });
    expect(quoteMark('"')).toEqual({ family: 'straight', dir: 0 });
    expect(quoteMark('ا')).toBeUndefined();
  });
});

describe('splitSentences: bounded sentences', () => {
  const split = (text: string): Array<[number, number]> => splitSentences(tokens(text));
  it('cuts text without sentence punctuation into sentences of at most MAX_SENTENCE_TOKENS, at a comma when there is one', () => {
    const words = Array.from({ length: 2000 }, (_, i) => (i % 37 === 36 ? 'كلمة،' : 'كلمة'));
    const s = split(words.join(' '));
    expect(s.length).toBeGreaterThanOrEqual(Math.ceil(2000 / MAX_SENTENCE_TOKENS));
    for (const [a, b] of s) expect(b - a).toBeLessThanOrEqual(MAX_SENTENCE_TOKENS);
    // every cut but the last lands right after a comma
    const t = tokens(words.join(' '));
    for (const [, b] of s.slice(0, -1)) expect(t[b - 1]!.text).toBe('،');
  });
  it('never parts a quotation from the words before it when cutting', () => {
    const before = Array.from({ length: MAX_SENTENCE_TOKENS - 20 }, (_, i) => (i === 10 ? 'ذلك،' : 'ذلك')).join(' ');
    const quote = Array.from({ length: 60 }, () => 'كلام').join(' ');
    const t = tokens(`${before} وقال "${quote}" بعدها`);
    const s = splitSentences(t);
    const open = t.findIndex((x) => x.kind === 'quote');
    const holding = s.find(([a, b]) => a <= open && open < b)!;
    expect(holding[0]).toBeLessThan(open - 1); // وقال stays with its quotation
  });
});
