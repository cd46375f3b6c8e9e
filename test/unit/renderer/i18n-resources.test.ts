import { describe, expect, it } from 'vitest';
import { en } from '../../../src-renderer/i18n/en';
import { ja } from '../../../src-renderer/i18n/ja';
import { pickLanguage } from '../../../src-renderer/i18n/language';

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, child] of Object.entries(value)) for (const [k, v] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('UI texts', () => {
  const english = flatten(en);
  const japanese = flatten(ja);

  it('Japanese has exactly the English keys', () => {
    const missing = [...english.keys()].filter((k) => !japanese.has(k));
    const extra = [...japanese.keys()].filter((k) => !english.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('no text is empty, and both languages use the same placeholders', () => {
    const problems: string[] = [];
    for (const [key, text] of english) {
      const other = japanese.get(key) ?? '';
      if (!text.trim() || !other.trim()) problems.push(`${key}: empty`);
      if (placeholders(text).join() !== placeholders(other).join()) problems.push(`${key}: en {${placeholders(text).join()}} ≠ ja {${placeholders(other).join()}}`);
    }
    expect(problems).toEqual([]);
  });

  it('picks the remembered language, else the first preferred one we speak, else English', () => {
    expect(pickLanguage('ja', ['en-US'])).toBe('ja');
    expect(pickLanguage(null, ['ja-JP', 'en'])).toBe('ja');
    expect(pickLanguage(null, ['fr-FR', 'ja'])).toBe('ja');
    expect(pickLanguage('xx', ['de-DE'])).toBe('en');
    expect(pickLanguage(null, [])).toBe('en');
  });
});
