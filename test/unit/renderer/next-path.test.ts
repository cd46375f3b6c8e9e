import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../../src-renderer/app/next-path';

describe('the page to return to after signing in (?next=)', () => {
  it('follows a plug-in page of this console with its query', () => {
    expect(safeNextPath(`?next=${encodeURIComponent('/plugins/drivers/pull?q=floor 3&os=linux')}`)).toBe('/plugins/drivers/pull?q=floor%203&os=linux');
    expect(safeNextPath('?next=/plugins/drivers/pull')).toBe('/plugins/drivers/pull');
  });

  it('refuses other sites, other paths, escapes from /plugins/ and script addresses', () => {
    for (const next of ['//evil.example/plugins/x', 'https://evil.example/plugins/x', '/\\evil.example', '/plugins/../auth/session', '/plugins/%2e%2e/admin', '/settings', 'javascript:alert(1)', '/plugins//evil.example', '/plugins/x\n', '']) {
      expect(safeNextPath(`?next=${encodeURIComponent(next)}`), next).toBeNull();
    }
    expect(safeNextPath('')).toBeNull();
    expect(safeNextPath('?link=expired')).toBeNull();
  });
});
