import { describe, expect, it } from 'vitest';
import { FaultInjector, seededRandom } from '../../../src-main/simulator/fault-injector';

function decisions(injector: FaultInjector, n: number): string {
  return Array.from({ length: n }, () => (injector.decide() === 'answer' ? '1' : '0')).join('');
}

describe('FaultInjector', () => {
  it('drops about dropPercent of requests, the same ones for the same seed', () => {
    const a = decisions(new FaultInjector(42, { dropPercent: 30 }), 2000);
    const b = decisions(new FaultInjector(42, { dropPercent: 30 }), 2000);
    const c = decisions(new FaultInjector(43, { dropPercent: 30 }), 2000);
    const dropped = [...a].filter((d) => d === '0').length;
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(dropped).toBeGreaterThan(2000 * 0.25);
    expect(dropped).toBeLessThan(2000 * 0.35);
  });

  it('answers exactly disappearAfterRequests requests, then nothing; re-arming restarts the count', () => {
    const injector = new FaultInjector(1, { disappearAfterRequests: 3 });
    expect(decisions(injector, 6)).toBe('111000');
    injector.update({ disappearAfterRequests: 1 });
    expect(decisions(injector, 3)).toBe('100');
    injector.update({ disappearAfterRequests: null });
    expect(decisions(injector, 2)).toBe('11');
  });

  it('silent ignores everything', () => {
    expect(decisions(new FaultInjector(1, { silent: true }), 5)).toBe('00000');
  });

  it('mangles replies: garbage that is not a BER SEQUENCE, or the first half', () => {
    const reply = Buffer.alloc(100, 0x30);
    const malformed = new FaultInjector(1, { malformed: true }).mangle(reply);
    expect(malformed[0]).not.toBe(0x30);
    expect(new FaultInjector(1, { truncate: true }).mangle(reply).length).toBe(50);
    expect(new FaultInjector(1).mangle(reply)).toBe(reply);
  });

  it('rejects nonsense values', () => {
    expect(() => new FaultInjector(1, { dropPercent: 101 })).toThrow(RangeError);
    expect(() => new FaultInjector(1, { delayMs: -1 })).toThrow(RangeError);
    expect(() => new FaultInjector(1, { disappearAfterRequests: 1.5 })).toThrow(RangeError);
  });

  it('seededRandom is repeatable and spreads over [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.filter((v) => v < 0.5).length).toBeGreaterThan(400);
  });
});
