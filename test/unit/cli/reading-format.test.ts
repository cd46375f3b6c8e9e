import { describe, expect, it } from 'vitest';
import { formatReading } from '../../../src-main/cli/reading-format';
import { en } from '../../../src-renderer/i18n/en';
import { aReading, aToner } from '../../helpers/reading-builders';

describe('printdeck poll text output', () => {
  it('says which values the device has but could not send, by where they would show', () => {
    const reading = aReading({
      target: '10.0.0.5',
      supplies: [aToner(1, 'black', 40), { ...aToner(2, 'cyan', 50), color: null, description: 'Supply 2 (description too large to read)' }],
      unreadable: [
        { field: 'supplies[1.2].description', oid: '1.3.6.1.2.1.43.11.1.1.6.1.2', reason: 'too-large' },
        { field: '1.3.6.1.4.1.99.1.0', oid: '1.3.6.1.4.1.99.1.0', reason: 'too-large' },
      ],
    });
    const text = formatReading(reading);
    expect(text).toContain('Supply 2 (description too large to read)');
    expect(text).toContain(['  too large to read (the device cannot send them):', '    supplies[1.2].description (1.3.6.1.2.1.43.11.1.1.6.1.2)', '    1.3.6.1.4.1.99.1.0'].join('\n'));
  });

  it('has no such section when every value was read', () => {
    expect(formatReading(aReading())).not.toContain('too large');
  });

  it('names a level\'s quality with the console\'s word: approximate, not the data\'s "coarse"', () => {
    const text = formatReading(aReading({ supplies: [{ ...aToner(1, 'black', 40), quality: 'coarse' }] }));
    expect(text).toMatch(/40 % \(approximate\)/);
    expect(text).not.toContain('coarse');
    expect(en.quality.coarse.toLowerCase()).toBe('approximate');
  });
});
