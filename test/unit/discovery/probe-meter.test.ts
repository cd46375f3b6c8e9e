import { describe, expect, it } from 'vitest';
import { ProbeMeter } from '../../../src-main/core/discovery/probe-meter';

/** The rate and time left of a search, on a hand-driven clock (samples every 250 ms as the run ticks). */
describe('ProbeMeter', () => {
  it('tells the rate and time left from the first tick of a search (was "0 packets/s, time left unknown" for a whole second)', () => {
    const meter = new ProbeMeter(0, 2);
    // 1,000 packets/s; silent addresses finish only after their timeout, so nothing is probed yet.
    meter.sample(250, 250, 0);
    const first = meter.read(65_536);
    expect(first.packetsPerSecond).toBeCloseTo(1000, 0);
    expect(first.etaSeconds).toBe(Math.round(65_536 / 1000 + 2));
  });

  it('measures over the last seconds, so a slowed rate shows within a window', () => {
    const meter = new ProbeMeter(0, 2);
    let sent = 0;
    for (let at = 250; at <= 4000; at += 250) {
      sent += at <= 2000 ? 250 : 50; // 1,000/s, then 200/s
      meter.sample(at, sent, Math.floor(sent / 2));
    }
    expect(meter.read(10_000).packetsPerSecond).toBeCloseTo(200, 0);
    // Addresses done at 100/s over the window: 10,000 − 1,000 done.
    const done = Math.floor(sent / 2);
    expect(meter.read(10_000).etaSeconds).toBe(Math.round((10_000 - done) / 100));
  });

  it('keeps the rate the probes were sent at once they are done (was the idle reading phase\'s "6 packets/s")', () => {
    // The demo: 200 addresses at 1,000/s are sent in 0.2 s, then the silent ones wait out 2 × 1 s.
    const meter = new ProbeMeter(0, 2);
    meter.sample(250, 200, 150);
    meter.sample(500, 200, 190);
    meter.sample(1250, 206, 194);
    meter.endProbing(2200, 206, 200);
    meter.sample(4000, 206, 200); // reading: nothing sent
    const reading = meter.read(200);
    expect(reading.packetsPerSecond).toBeCloseTo(800, 0);
    expect(reading.etaSeconds).toBe(0);
  });

  it('a search too short for a window keeps its average', () => {
    const meter = new ProbeMeter(0, 1);
    meter.endProbing(150, 30, 30);
    expect(meter.read(30).packetsPerSecond).toBeCloseTo(200, 5);
  });

  it('says nothing before a span can be measured, and 0 s left when all is probed', () => {
    const meter = new ProbeMeter(1000, 2);
    meter.sample(1050, 40, 0);
    expect(meter.read(200)).toEqual({ packetsPerSecond: 0, etaSeconds: null });
    meter.sample(1300, 200, 200);
    expect(meter.read(200).etaSeconds).toBe(0);
  });

  it('a sample at the same instant raises the last one instead of making a zero span', () => {
    const meter = new ProbeMeter(0, 1);
    meter.sample(250, 100, 10);
    meter.sample(250, 120, 12);
    expect(meter.read(1000).packetsPerSecond).toBeCloseTo(480, 5);
  });
});
