// With the entities layer (the shipped NER model), the source of a verb with no complementizer
// must not be cut inside a person's name, and a named object after the source is not the source.
import '../../ner/node.js';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze.js';

const first = (text: string) => {
  const a = analyze(text).attributions![0]!;
  return { source: a.source?.text ?? null, content: a.content.text };
};

describe('attribution with entity mentions', () => {
  it('keeps a name after a title in the source', () => {
    expect(first('أكد الدكتور سامي فاروق أهمية دعم الصناعة المحلية في المرحلة المقبلة.')).toEqual({
      source: 'الدكتور سامي فاروق',
      content: 'أهمية دعم الصناعة المحلية في المرحلة المقبلة',
    });
  });
  it('ends the source before the object of an object-taking cue', () => {
    expect(first('وصف الرئيس ترامب الاتفاق بأنه سيئ للغاية.').source).toBe('الرئيس ترامب');
    expect(first('اتهمت وزارة الخارجية الأمريكية إيران بدعم الجماعات المسلحة.').source).toBe('وزارة الخارجية الأمريكية');
    expect(first('اتهم الوزير إسرائيل بعرقلة المفاوضات.').source).toBe('الوزير');
  });
  it('does not merge two people who share a first name, nor take a governed mention as a speaker', () => {
    const a = analyze('قال نايف الشريف رئيس لجنة التجارة بغرفة جدة إن الأسعار مستقرة. وأكد نايف الحربي، صاحب متجر في المدينة، أن المبيعات تراجعت.').attributions!;
    expect(a[1]!.speaker!.text).toContain('نايف الحربي');
    const b = analyze('وجه الأمين العام رسالة للأمم المتحدة بشأن اللاجئين. وقالت الأمم المتحدة إن الأوضاع لا تسمح بالعودة.').attributions!;
    expect(b[0]!.speaker!.text).toBe('الأمم المتحدة');
  });
});
