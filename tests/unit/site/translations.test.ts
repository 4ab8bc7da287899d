import { describe, expect, it } from 'vitest';
import { t, uiKeys } from '../../../src/i18n/translate.ts';
import { CHAPTER_COUNT } from '../../../src/schemas/lesson.ts';

describe('UI strings', () => {
  it('has the same keys in both locales', () => {
    expect(uiKeys('en').sort()).toEqual(uiKeys('zh').sort());
  });

  it('has a title and a blurb for every chapter', () => {
    for (let n = 1; n <= CHAPTER_COUNT; n++) {
      expect(uiKeys('zh')).toContain(`chapter.${n}.title`);
      expect(uiKeys('zh')).toContain(`chapter.${n}.blurb`);
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('zh', 'lesson.minutes', { n: 12 })).toBe('12 分钟');
    expect(t('en', 'lesson.minutes', { n: 12 })).toBe('12 min');
    expect(t('en', 'lesson.minutes')).toBe('{n} min');
  });
});
