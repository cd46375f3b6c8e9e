import { describe, expect, it } from 'vitest';
import { visibleText } from '../../../src-shared/domain/visible-text';

describe('visibleText', () => {
  it.each([
    ['a right-to-left override that would show "exe.png"', '\u202Egnp.exe\u202C', '[U+202E]gnp.exe[U+202C]'],
    ['isolates and marks', 'a\u2066b\u2069\u200F\u061C', 'a[U+2066]b[U+2069][U+200F][U+061C]'],
    ['a terminal escape sequence', 'Lobby\u001b]0;owned\u0007', 'Lobby[U+001B]]0;owned[U+0007]'],
    ['C1 controls and DEL', 'x\u0085\u009by\u007f', 'x[U+0085][U+009B]y[U+007F]'],
    ['tabs and line breaks, as spaces', 'Tray 1\tA4\r\nlow\npaper', 'Tray 1 A4 low paper'],
    ['Japanese, emoji and joiners, kept', '受付プリンタ 👩\u200D💻 Ünïcödé', '受付プリンタ 👩\u200D💻 Ünïcödé'],
  ])('%s', (_what, text, shown) => {
    expect(visibleText(text)).toBe(shown);
  });
});
