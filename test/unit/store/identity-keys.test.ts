import { describe, expect, it } from 'vitest';
import { normaliseMac, normaliseSerial, vendorsCompatible } from '../../../src-main/core/store/identity-keys';

describe('normaliseSerial', () => {
  it('keeps a real serial, trimmed', () => {
    expect(normaliseSerial('  CNB1234567 ')).toBe('CNB1234567');
  });

  it.each(['', '   ', '0000000000', 'XXXXXXXX', '??????', 'Unknown', 'N/A', 'none', null, undefined])(
    'treats the placeholder %j as no serial, so devices sharing it are not merged',
    (text) => {
      expect(normaliseSerial(text)).toBeNull();
    },
  );
});

describe('normaliseMac', () => {
  it.each([
    ['3C:2A:F4:BF:F5:1B', '3c:2a:f4:bf:f5:1b'],
    ['3c-2a-f4-bf-f5-1b', '3c:2a:f4:bf:f5:1b'],
    ['3c2a.f4bf.f51b', '3c:2a:f4:bf:f5:1b'],
    ['3c2af4bff51b', '3c:2a:f4:bf:f5:1b'],
    ['3c:2a:f4:bf:f5:1b', '3c:2a:f4:bf:f5:1b'],
    [' 3c:2a:f4:bf:f5:1b ', '3c:2a:f4:bf:f5:1b'],
  ])('writes %s as %s', (text, mac) => {
    expect(normaliseMac(text)).toBe(mac);
  });

  it.each(['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff', '01:00:5e:00:00:01', '3c:2a:f4', '3c:2a:f4:bf:f5:1g', '3c:2a:f4:bf:f5:1b:00', 'not a mac', '', null])(
    'treats %j as no MAC',
    (text) => {
      expect(normaliseMac(text)).toBeNull();
    },
  );
});

describe('vendorsCompatible', () => {
  it('accepts equal vendors whatever the case, and an unknown vendor on either side', () => {
    expect(vendorsCompatible('HP', ' hp')).toBe(true);
    expect(vendorsCompatible(null, 'Canon')).toBe(true);
    expect(vendorsCompatible('Canon', null)).toBe(true);
  });

  it('rejects two known, different vendors', () => {
    expect(vendorsCompatible('Canon', 'Ricoh')).toBe(false);
  });
});
