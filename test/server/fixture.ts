/**
 * A small collection for the server and web tests: Arabic news items written for these tests
 * (invented people; real places, agencies and organizations), over three months and four
 * outlets, with direct, indirect and relayed attributions, a medium, a hedge, a caption and a
 * boilerplate line, one text published by two outlets (an exact duplicate), and one article whose
 * text carries HTML and script injection strings that must stay inert wherever it is shown.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingest } from '../../src/collection/ingest.js';
import { analyze } from '../../src/analyze/index.js';
import { openStore, type Store } from '../../src/store/store.js';

export interface FixtureArticle {
  id: string;
  outlet: string;
  date: string;
  url: string;
  text: string;
}

/** The marker the injection strings try to set; it must stay unset. */
export const PWNED_FLAG = '__isnadPwned';

export const INJECTION_STRINGS = [
  `<script>window.${PWNED_FLAG}=1</script>`,
  `<img src=x onerror="window.${PWNED_FLAG}=2">`,
  `" onmouseover="window.${PWNED_FLAG}=3" x="`,
] as const;

const WHEAT = `وزير الزراعة يعلن خطة لدعم مزارعي القمح
القاهرة - أعلن وزير الزراعة كريم منصور في بيان اليوم الثلاثاء أن الحكومة ستصرف دعما نقديا لمزارعي القمح في محافظات الصعيد.
وقال منصور في مؤتمر صحفي: "لن نترك المزارع وحده أمام ارتفاع الأسعار".
ونقلت وكالة رويترز عن مسؤول في الوزارة قوله إن الدعم سيبدأ الشهر المقبل.
وزير الزراعة خلال المؤتمر الصحفي في القاهرة
جميع الحقوق محفوظة`;

const YEMEN = `الأمم المتحدة تحذر من نقص الغذاء في اليمن
جنيف - حذرت الأمم المتحدة من أن ملايين اليمنيين يواجهون نقصا حادا في الغذاء هذا العام.
وقالت المتحدثة باسم برنامج الأغذية العالمي سلمى العطار إن "الوضع يزداد سوءا كل يوم".
وأشارت العطار إلى أن التمويل لا يغطي سوى ثلث الاحتياجات.
وأكدت العطار أن الأمم المتحدة سترسل مساعدات عاجلة إلى مدينة عدن.`;

const BREAD = `الحكومة تنفي زيادة أسعار الخبز
نفت الحكومة المصرية ما وصفته بشائعات عن زيادة أسعار الخبز المدعم.
وقال المتحدث باسم مجلس الوزراء هاني يوسف لوكالة أنباء الشرق الأوسط إن "سعر الرغيف لن يتغير".
وزعم ناشطون على مواقع التواصل أن الزيادة ستطبق في يوليو.`;

const WHEAT_2 = `منصور: محصول القمح هذا العام هو الأكبر منذ عشر سنوات
القاهرة - قال وزير الزراعة كريم منصور إن محصول القمح هذا العام هو الأكبر منذ عشر سنوات.
وأضاف منصور أن الوزارة اشترت أكثر من ثلاثة ملايين طن من المزارعين.
من جانبه، قال نقيب الفلاحين عادل سليم إن "الأسعار ما زالت أقل من التكلفة".`;

const WATER = `الأردن ومصر يبحثان التعاون في إدارة المياه
عمان - بحث وزير المياه الأردني طارق الحسن مع وفد مصري سبل التعاون في إدارة الموارد المائية.
وقال الحسن في تصريح للصحفيين إن البلدين يواجهان "تحديات مشتركة" بسبب الجفاف.
ونقلت وكالة الأنباء الأردنية عن مصدر حكومي قوله إن اتفاقا سيوقع قبل نهاية العام.`;

const MARKETS = `البنك المركزي يثبت أسعار الفائدة
القاهرة - قرر البنك المركزي المصري تثبيت أسعار الفائدة في اجتماعه الأخير.
وقالت نائبة المحافظ منى فهمي إن القرار "يهدف إلى احتواء التضخم".
وأوضحت فهمي أن البنك سيراجع سياسته في الاجتماع المقبل.`;

const FLOODS = `أمطار غزيرة تغلق طرقا في جنوب السودان
جوبا - أغلقت الأمطار الغزيرة عدة طرق رئيسية في جنوب السودان، بحسب ما أفادت منظمة الصحة العالمية.
وقال المسؤول في المنظمة يوسف داود إن فرق الإغاثة تعمل على إيصال الأدوية إلى القرى المعزولة.`;

/** The text with the injection strings: a stored article that must render as plain text. */
export const INJECTION_TEXT = `تحذير من رسائل مزيفة ${INJECTION_STRINGS[0]}
بيروت - قال خبير الأمن الرقمي سامر خليل إن رسالة تحمل ${INJECTION_STRINGS[1]} انتشرت بين المستخدمين.
وأضاف خليل أن عبارة ${INJECTION_STRINGS[2]} ظهرت في روابط مشبوهة.`;

export const FIXTURE_ARTICLES: readonly FixtureArticle[] = [
  { id: 'wheat-1', outlet: 'الأهرام', date: '2024-03-05', url: 'https://example.org/ahram/wheat-1', text: WHEAT },
  // the same text again, from another outlet: stored once, with two sources
  { id: 'wheat-1-shorouk', outlet: 'الشروق', date: '2024-03-05', url: 'https://example.org/shorouk/wheat', text: WHEAT },
  { id: 'yemen-1', outlet: 'الجزيرة', date: '2024-03-12', url: 'https://example.org/jazeera/yemen', text: YEMEN },
  { id: 'bread-1', outlet: 'الأهرام', date: '2024-04-02', url: 'https://example.org/ahram/bread', text: BREAD },
  { id: 'wheat-2', outlet: 'الشروق', date: '2024-04-20', url: 'https://example.org/shorouk/wheat-2', text: WHEAT_2 },
  { id: 'water-1', outlet: 'بي بي سي عربي', date: '2024-05-08', url: 'https://example.org/bbc/water', text: WATER },
  { id: 'markets-1', outlet: 'الأهرام', date: '2024-05-15', url: 'https://example.org/ahram/markets', text: MARKETS },
  { id: 'floods-1', outlet: 'الجزيرة', date: '2024-05-21', url: 'https://example.org/jazeera/floods', text: FLOODS },
  { id: 'inject-1', outlet: 'بي بي سي عربي', date: '2024-05-30', url: 'https://example.org/bbc/inject', text: INJECTION_TEXT },
];

/**
 * How many attributions the collection holds once ingested: those of each distinct text, as the
 * shipped pipeline finds them (the tests check that the API lists and counts them all, whatever the
 * extractor's current choices).
 */
export function fixtureAttributionCount(): number {
  const texts = new Set(FIXTURE_ARTICLES.map((a) => a.text));
  let n = 0;
  for (const t of texts) n += analyze(t).attributions!.length;
  return n;
}

/** Writes the fixture as JSON lines and ingests it (in this thread) into a new SQLite store in `dir`. */
export async function buildFixtureStore(dir: string, location = join(dir, 'fixture.db')): Promise<Store> {
  const file = join(dir, 'fixture.jsonl');
  writeFileSync(file, FIXTURE_ARTICLES.map((a) => JSON.stringify(a)).join('\n') + '\n');
  const store = await openStore(location);
  const summary = await ingest([file], store, { workers: 0, count: false });
  if (summary.failed > 0) throw new Error(`fixture ingest failed: ${JSON.stringify(summary.failures)}`);
  return store;
}
