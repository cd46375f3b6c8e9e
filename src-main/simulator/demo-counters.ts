/**
 * How the page counters of a demo recording add up, so a demo device's counters stay consistent
 * when they are made up for it and when it prints: total = black-and-white + colour, copy + print
 * = total, prtMarkerLifeCount = the total. A recording without a model here has one counter that
 * matters (prtMarkerLifeCount), made up on its own as before.
 */

/** prtMarkerLifeCount of the first marker: the total every profile reads when it has no vendor counter. */
export const LIFE_COUNT = '1.3.6.1.2.1.43.10.2.1.4.1.1';

/** A counter worked out from others: the sum of `parts`, or `whole` less `minus` (never below 0). */
export type DerivedCounter = { oid: string; sum: readonly string[] } | { oid: string; whole: string; minus: readonly string[] };

export interface CounterModel {
  /** Counters that count printed pages one by one (the finest split): printing adds to one of them. */
  printed: readonly string[];
  /** Counters of their own that are not printing (copies, scans): scaled with the others, never derived. */
  scaled: readonly string[];
  /** Counters worked out from the others, in this order (a sum may use one derived before it). */
  derived: readonly DerivedCounter[];
}

/** Canon's billing counters (CANON-MIB 1602.1.11.1.3.1.4.<id>, see resources/profiles/canon.json). */
const CANON = (id: number): string => `1.3.6.1.4.1.1602.1.11.1.3.1.4.${id}`;

const CANON_MODEL: CounterModel = {
  // Black/Large, Black/Small, Full Color + Single Color/Large, /Small.
  printed: [CANON(112), CANON(113), CANON(122), CANON(123)],
  // Copy (Total 1), Scan (Total 1).
  scaled: [CANON(201), CANON(501)],
  derived: [
    { oid: CANON(108), sum: [CANON(112), CANON(113)] },
    { oid: CANON(101), sum: [CANON(108), CANON(122), CANON(123)] },
    { oid: CANON(301), whole: CANON(101), minus: [CANON(201)] },
    { oid: LIFE_COUNT, sum: [CANON(101)] },
  ],
};

const LIFE_ONLY: CounterModel = { printed: [LIFE_COUNT], scaled: [], derived: [] };

/** The models a recording may have; the first whose counters the device holds wins. */
const MODELS: readonly CounterModel[] = [CANON_MODEL];

function oidsOf(model: CounterModel): string[] {
  return [...model.printed, ...model.scaled, ...model.derived.map((d) => d.oid)];
}

/** The counter model of a device that holds the OIDs `has` says it holds (the life count alone when none matches). */
export function counterModelOf(has: (oid: string) => boolean): CounterModel {
  return MODELS.find((model) => oidsOf(model).every(has)) ?? LIFE_ONLY;
}

/** Works the derived counters out from the others, in order; a copy count above the total is cut to it. Returns what it set. */
export function deriveCounters(model: CounterModel, get: (oid: string) => number): Map<string, number> {
  const values = new Map<string, number>();
  const read = (oid: string): number => values.get(oid) ?? get(oid);
  for (const counter of model.derived) {
    if ('sum' in counter) {
      values.set(counter.oid, counter.sum.reduce((total, oid) => total + read(oid), 0));
    } else {
      const whole = read(counter.whole);
      const minus = counter.minus.reduce((total, oid) => total + read(oid), 0);
      if (minus > whole) for (const oid of counter.minus) values.set(oid, Math.floor((read(oid) * whole) / minus));
      values.set(counter.oid, Math.max(0, whole - counter.minus.reduce((total, oid) => total + read(oid), 0)));
    }
  }
  return values;
}

/**
 * A device's counters made up from the recording's: every printed and scaled counter is the
 * recording's times one factor, chosen so that the total is about `total`; the derived ones add
 * up. Returns the counters to set (OID → value); the recording's `get` gives its values.
 */
export function scaledCounters(model: CounterModel, get: (oid: string) => number, total: number): Map<string, number> {
  const recorded = model.printed.reduce((sum, oid) => sum + get(oid), 0);
  const factor = recorded > 0 ? total / recorded : 0;
  const values = new Map<string, number>();
  for (const oid of [...model.printed, ...model.scaled]) values.set(oid, recorded > 0 ? Math.floor(get(oid) * factor) : total);
  for (const [oid, value] of deriveCounters(model, (oid) => values.get(oid) ?? get(oid))) values.set(oid, value);
  return values;
}

/** The counters after `pages` more printed pages, added to the printed counter `pick` (0 ≤ pick < 1) chooses. */
export function printedCounters(model: CounterModel, get: (oid: string) => number, pages: number, pick: number): Map<string, number> {
  const target = model.printed[Math.min(model.printed.length - 1, Math.floor(pick * model.printed.length))] ?? LIFE_COUNT;
  const values = new Map<string, number>([[target, get(target) + pages]]);
  for (const [oid, value] of deriveCounters(model, (oid) => values.get(oid) ?? get(oid))) values.set(oid, value);
  return values;
}
