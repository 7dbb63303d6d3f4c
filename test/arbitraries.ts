// fast-check arbitraries shared by property tests.
import fc from 'fast-check';

/** Strings rich in the characters normalization cares about. */
export function arabicish(): fc.Arbitrary<string> {
  const chars = [
    ...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي',
    ...'أإآٱىةؤئء',
    '\u064B', '\u064E', '\u064F', '\u0650', '\u0651', '\u0652', '\u0670', '\u0654', '\u0655', '\u0653',
    'ـ', '\u200F', '\u200E', '\u200C', '\u200D', '\u00A0', '\u2009', '\uFEFF',
    ...'٠١٢٣٤٥٦٧٨٩۰۱۲', '٫', '٬', '٪',
    'ﻻ', 'ﻷ', 'ﷲ', 'ﺍ', 'ﻟ', 'ک', 'ی',
    ...' .،؛؟!"«»“”\'\n', ...'AbcZ19',
  ];
  return fc.array(fc.constantFrom(...chars), { maxLength: 40 }).map((a) => a.join(''));
}
