import { describe, expect, it } from 'vitest';
import { findBlocks } from './structure.js';

const types = (text: string, title?: string): Array<[string, string]> => findBlocks(text, title).map((b) => [b.type, b.text]);

const P1 = 'أعلنت وزارة الصحة اليوم افتتاح ثلاثة مستشفيات جديدة في محافظات الصعيد، مؤكدة أن المستشفيات ستخدم أكثر من مليون مواطن خلال العام المقبل.';
const P2 = 'وقال المتحدث باسم الوزارة إن العمل في المستشفيات سيبدأ الشهر المقبل بعد استكمال تجهيزها بالمعدات الطبية اللازمة وتدريب الأطقم.';
const P3 = 'وأضاف أن الوزارة تعمل على خطة شاملة لتطوير الخدمات الصحية في القرى، وأن المرحلة الثانية ستبدأ مطلع العام المقبل في ثلاث محافظات أخرى.';

describe('findBlocks', () => {
  it('a headline before the body', () => {
    expect(types(`الصحة تفتتح ثلاثة مستشفيات في الصعيد\n${P1}\n${P2}`)).toEqual([
      ['headline', 'الصحة تفتتح ثلاثة مستشفيات في الصعيد'],
      ['body', P1],
      ['body', P2],
    ]);
  });
  it('no headline when the text starts with a paragraph', () => {
    expect(types(`${P1}\n${P2}`).map((b) => b[0])).toEqual(['body', 'body']);
  });
  it('the title from meta picks the headline among the top lines', () => {
    expect(types(`«الأرصاد»: أمطار غزيرة على السواحل غدا\nالصحة تفتتح ثلاثة مستشفيات\n${P1}`, 'الصحة تفتتح ثلاثة مستشفيات').map((b) => b[0])).toEqual(['related', 'headline', 'body']);
  });
  it('a byline line: كتب- …:', () => {
    expect(types(`كتب- سامر يوسف:\n${P1}`)).toEqual([['byline', 'كتب- سامر يوسف:'], ['body', P1]]);
  });
  it('a byline opening a paragraph is split off', () => {
    const t = `كتب - سامر يوسف: ${P1}`;
    expect(types(t)).toEqual([['byline', 'كتب - سامر يوسف:'], ['body', P1]]);
  });
  it('a dateline with an agency in parentheses is split off the paragraph', () => {
    expect(types(`القاهرة (أ ش أ) - ${P1}`)).toEqual([['dateline', 'القاهرة (أ ش أ) -'], ['body', P1]]);
  });
  it('a dateline with place, country and outlet: دبي، الإمارات العربية المتحدة (CNN)-', () => {
    expect(types(`دبي، الإمارات العربية المتحدة (CNN)- ${P1}`)[0]).toEqual(['dateline', 'دبي، الإمارات العربية المتحدة (CNN)-']);
  });
  it('a dateline naming a known agency after a dash: الرياض - واس:', () => {
    expect(types(`الرياض - واس: ${P1}`)[0]).toEqual(['dateline', 'الرياض - واس:']);
  });
  it('a date and time line is a dateline', () => {
    expect(types(`04:00 م | الثلاثاء 22 أبريل 2025\n${P1}`)[0]).toEqual(['dateline', '04:00 م | الثلاثاء 22 أبريل 2025']);
  });
  it('short lines between and after paragraphs are captions', () => {
    const t = `${P1}\nالوزير خلال افتتاح المستشفى الجديد\nجانب من الأجهزة الطبية في المستشفى\n${P2}\nمواطنون أمام مدخل المستشفى\n${P3}\nطبيب يفحص مريضا في قسم الطوارئ\nسيارات الإسعاف أمام المستشفى`;
    expect(types(t).map((b) => b[0])).toEqual(['body', 'caption', 'caption', 'body', 'caption', 'body', 'caption', 'caption']);
  });
  it('a question between paragraphs is a subhead', () => {
    expect(types(`${P1}\nما الذي تغير في الخطة الجديدة؟\n${P2}`).map((b) => b[0])).toEqual(['body', 'subhead', 'body']);
  });
  it('a lone short line between paragraphs of an article without captions is a subhead', () => {
    expect(types(`${P1}\nخطة المرحلة الثانية\n${P2}`).map((b) => b[0])).toEqual(['body', 'subhead', 'body']);
  });
  it('"اقرأ أيضًا" and the links after it are related', () => {
    const t = `${P1}\n${P2}\nاقرأ أيضًا:\nالصحة: لا إصابات جديدة بالحمى في أسوان\nتعرف على مواعيد عمل العيادات في رمضان`;
    expect(types(t).map((b) => b[0])).toEqual(['body', 'body', 'related', 'related', 'related']);
  });
  it('"للمزيد: …" inline is related', () => {
    expect(types(`${P1}\nللمزيد: وزير الصحة يتفقد مستشفى قنا العام\n${P2}`).map((b) => b[0])).toEqual(['body', 'related', 'body']);
  });
  it('a trailing list of other headlines is related, not captions', () => {
    const t = `${P1}\n${P2}\nالحكومة: زيادة المعاشات اعتبارا من يوليو\nمحافظ الجيزة يتفقد المشروعات.. ويوجه بسرعة الإنجاز\n«التعليم»: موعد امتحانات الثانوية العامة\nهل ترتفع أسعار الذهب غدا؟`;
    expect(types(t).map((b) => b[0])).toEqual(['body', 'body', 'related', 'related', 'related', 'related']);
  });
  it('copyright, share lines and separators are boilerplate', () => {
    const t = `${P1}\n---------------\nشارك الخبر على فيسبوك وتويتر\nجميع الحقوق محفوظة © 2025`;
    expect(types(t).map((b) => b[0])).toEqual(['body', 'boilerplate', 'boilerplate', 'boilerplate']);
  });
  it('a site footer appended to the last paragraph is boilerplate, the paragraph stays body', () => {
    const t = `${P1}\nوأكد المدير أن العمل سيكتمل قبل نهاية العام. رابط الخبر بصحيفة النهار: افتتاح جسر جديد في المدينة`;
    const b = types(t);
    expect(b.map((x) => x[0])).toEqual(['body', 'body', 'boilerplate']);
    expect(b[1]![1]).toBe('وأكد المدير أن العمل سيكتمل قبل نهاية العام.');
    expect(b[2]![1]).toBe('رابط الخبر بصحيفة النهار: افتتاح جسر جديد في المدينة');
    // not inside a sentence, nor on a paragraph before the last
    expect(types(`وقال إن رابط الخبر بصحيفة النهار لم يعمل أمس في المدينة كلها.\n${P1}`).map((x) => x[0])).toEqual(['body', 'body']);
  });
  it('a reprint credit line is a byline', () => {
    expect(types(`${P1}\n*نقلاً عن صحيفة الأهرام المصرية`).map((b) => b[0])).toEqual(['body', 'byline']);
  });
  it('numbered list items are body', () => {
    expect(types(`${P1}\n1- ميدان التحرير\n2- شارع قصر النيل`).map((b) => b[0])).toEqual(['body', 'body', 'body']);
  });
  it('blocks are exact, trimmed slices; blank lines and CRLF are skipped', () => {
    const t = `  عنوان قصير للخبر  \r\n\r\n${P1}\r\n`;
    for (const b of findBlocks(t)) {
      expect(t.slice(b.start, b.end)).toBe(b.text);
      expect(b.text).toBe(b.text.trim());
    }
  });
  it('a short text without paragraphs is body', () => {
    expect(types('الطقس معتدل اليوم').map((b) => b[0])).toEqual(['body']);
  });
});
