/** The words of the interface, in Arabic, by the codes the API uses. */
export const ENTITY_TYPE: Record<string, string> = { PER: 'شخص', ORG: 'مؤسسة', LOC: 'مكان', MISC: 'أخرى' };

export const ATTRIBUTION_TYPE: Record<string, string> = { direct: 'مباشر', indirect: 'غير مباشر', mixed: 'مختلط' };

export const ROLE: Record<string, string> = {
  cue: 'فعل الإسناد',
  source: 'المصدر كما ورد',
  speaker: 'المتحدث',
  content: 'المضمون',
  medium: 'الوسيلة',
  via: 'الناقل',
  hedge: 'تحفّظ الكاتب',
  outlet: 'الناشر',
};

export const BLOCK_TYPE: Record<string, string> = {
  headline: 'العنوان',
  dateline: 'المكان',
  byline: 'الكاتب',
  body: 'المتن',
  subhead: 'عنوان فرعي',
  caption: 'تعليقات الصور',
  related: 'روابط ذات صلة',
  boilerplate: 'نصوص الموقع',
};

const MONTHS = ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'];

/** 2024-03 → مارس 2024 */
export function monthLabel(ym: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(ym);
  return m ? `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}` : ym;
}

/** A date as the source gave it, cut to its day when it is ISO. */
export function dayLabel(date: string | null | undefined): string {
  if (!date) return '';
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(date);
  return m ? m[1]! : date;
}

export const fmt = new Intl.NumberFormat('ar-EG');
