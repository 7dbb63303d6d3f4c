import { describe, expect, it } from 'vitest';
import { isoDate, parseIsoDate } from './record.js';

describe('isoDate: Arabic dates as feeds and pages write them', () => {
  it.each([
    ['الثلاثاء، 5 مارس 2024', '2024-03-05'],
    ['5 مارس 2024 - 10:30 ص', '2024-03-05T10:30'],
    ['5 مارس 2024 - 12:15 ص', '2024-03-05T00:15'],
    ['الخميس 7 مارس 2024 09:05 مساءً', '2024-03-07T21:05'],
    ['٥ مارس ٢٠٢٤', '2024-03-05'],
    ['5 مارس، 2024', '2024-03-05'],
    ['السبت 3 كانون الثاني 2015', '2015-01-03'],
    ['15 تشرين الأول 2019 - 08:00', '2019-10-15T08:00'],
    ['1 تشرين الثاني 2020', '2020-11-01'],
    ['20 كانون الأول 2021', '2021-12-20'],
    ['الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)', '2013-08-28T14:00'],
    ['9 شباط 2016', '2016-02-09'],
    ['12 أيار 2018', '2018-05-12'],
    ['30 حزيران 2017', '2017-06-30'],
    ['4 تموز 2019', '2019-07-04'],
    ['2 أيلول 2014', '2014-09-02'],
    ['10 يونيه 2012', '2012-06-10'],
    ['الثلاثاء 24 شعبان 1445 هـ الموافق 5 مارس 2024', '2024-03-05'],
  ])('%s → %s', (raw, iso) => {
    expect(isoDate(raw)).toBe(iso);
  });

  it('a month name must be a whole word', () => {
    expect(parseIsoDate('5 مارسيل 2024')).toBeUndefined();
    expect(parseIsoDate('5 تشرين 2024')).toBeUndefined();
  });

  it('a ص or م that starts a word is not am/pm', () => {
    expect(isoDate('5 مارس 2024 10:30 مكة المكرمة')).toBe('2024-03-05T10:30');
  });
});

describe('parseIsoDate', () => {
  it('is undefined where isoDate returns the value as given', () => {
    expect(parseIsoDate('منذ ساعتين')).toBeUndefined();
    expect(isoDate('منذ ساعتين')).toBe('منذ ساعتين');
    expect(parseIsoDate('Sun, 18 Feb 2018 21:35:43 +0400')).toBe('2018-02-18T21:35:43+04:00');
    expect(parseIsoDate(undefined)).toBeUndefined();
  });
  it('numbers that only look like a date are no date: isoDate drops them instead of keeping them as given', () => {
    for (const bogus of ['99999-99-99', '2015-13-45', '2015-02-30', '31/02/2015', '2015-07-21T25:99:00Z']) expect(isoDate(bogus), bogus).toBeUndefined();
    expect(isoDate('2015-07-21')).toBe('2015-07-21');
    expect(isoDate(' 21/07/2015 ')).toBe('2015-07-21');
  });
});
