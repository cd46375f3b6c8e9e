import { describe, expect, it } from 'vitest';
import { regionalLocale } from '../../../src-renderer/i18n/language';
import { formatDateTime } from '../../../src-renderer/ui/display-format';

describe('times in the UI language and the person\'s region', () => {
  it('formats in the regional locale of the UI language when the person has one, else the language', () => {
    expect(regionalLocale('en', ['en-GB', 'ja-JP'])).toBe('en-GB');
    expect(regionalLocale('en', ['ja-JP', 'en-US'])).toBe('en-US');
    expect(regionalLocale('ja', ['en-GB'])).toBe('ja');
    expect(regionalLocale('ja', ['ja-JP'])).toBe('ja-JP');
    expect(regionalLocale('en', [])).toBe('en');
  });

  it('writes 24-hour times in Japanese and in a 24-hour region, 12-hour where the region uses them', () => {
    const afternoon = new Date(2026, 11, 7, 14, 5, 50).getTime();
    expect(formatDateTime(afternoon, 'ja')).toContain('14:05:50');
    expect(new Intl.DateTimeFormat(regionalLocale('en', ['en-GB']), { timeStyle: 'medium' }).format(afternoon)).toBe('14:05:50');
    expect(new Intl.DateTimeFormat(regionalLocale('en', ['en-US']), { timeStyle: 'medium' }).format(afternoon)).toMatch(/^2:05:50\sPM$/);
  });
});
