import { describe, expect, it } from 'vitest';
import { MAX_TEXTS, SharedTexts } from '../../../src-main/core/inventory/shared-texts';
import { aCounter, aReading, aToner, aTray } from '../../helpers/reading-builders';

/** A reading as decoding makes one: its own copy of every text (serial and sysName its own). */
function decoded(n: number) {
  return aReading({
    identity: { serial: `SN${n}`, sysName: `printer-${n}`, model: ['Laser', 'Jet'].join(' ') },
    supplies: [aToner(1, 'black', 50), aToner(2, 'cyan', 40)],
    trays: [aTray({ index: '1.1', name: ['Tray', '1'].join(' ') })],
    counters: [aCounter({ value: 1000 + n })],
  });
}

describe('one copy of the texts a fleet repeats', () => {
  it('keeps every reading as it was, and pools the repeated texts but not a device\'s own serial or name', () => {
    const texts = new SharedTexts();
    const first = decoded(1);
    const copy = structuredClone(first);
    texts.shareReading(first);
    expect(first).toEqual(copy);
    const pooled = texts.size;
    expect(pooled).toBeGreaterThan(0);

    const second = decoded(2);
    const secondCopy = structuredClone(second);
    texts.shareReading(second);
    expect(second).toEqual(secondCopy);
    // The second printer of the same model adds nothing: its texts were pooled with the first.
    expect(texts.size).toBe(pooled);
  });

  it(`stops adding past ${MAX_TEXTS.toLocaleString('en-US')} texts, still sharing the ones it has`, () => {
    const texts = new SharedTexts();
    for (let i = 0; i < MAX_TEXTS + 10; i++) texts.share(`text ${i}`);
    expect(texts.size).toBe(MAX_TEXTS);
    expect(texts.share('text 1')).toBe('text 1');
    expect(texts.share(null)).toBeNull();
  });
});
