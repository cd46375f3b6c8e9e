import { describe, expect, it } from 'vitest';
import { IgnoredDatagramLog } from '../../../src-main/core/monitor/ignored-datagram-log';
import { FakeClock } from '../../helpers/fake-clock';

function setUp(firstLines = 5) {
  const clock = new FakeClock();
  const lines: string[] = [];
  const log = new IgnoredDatagramLog({ log: (line) => lines.push(line), clock, source: 'monitor', firstLines });
  return { clock, lines, log };
}

describe('the log of ignored datagrams', () => {
  it('writes the first few, then one summary a minute: 24,160 bad datagrams in 3 minutes are 8 lines, not 15,876', () => {
    const { clock, lines, log } = setUp();
    const perMinute = [8_054, 8_053, 8_053];
    for (const [minute, count] of perMinute.entries()) {
      for (let i = 0; i < count; i += 1) {
        log.note(i % 3 === 0 ? `notification from an unknown device (10.9.${minute}.${i % 250})` : `malformed notification: length ${i}`, `10.9.${minute}.${i % 250}:162`);
      }
      clock.advance(60_000);
    }
    expect(lines).toHaveLength(5 + 3);
    expect(lines[0]).toMatch(/^monitor: ignored a datagram from 10\.9\.0\.0:162: notification from an unknown device \(10\.9\.0\.0\)$/);
    expect(lines[4]).toMatch(/further ones are counted and summarised every 60 s/);
    expect(lines[5]).toMatch(/^monitor: ignored 8,049 more datagram\(s\) in the last 60 s: 5,366 malformed notification, 2,683 notification from an unknown device \(last from 10\.9\.0\.\d+:162\)$/);
    const counted = lines.slice(5).map((l) => Number(/ignored ([\d,]+) more/.exec(l)?.[1]?.replace(/,/g, '')));
    expect(counted.reduce((a, b) => a + b, 0) + 5).toBe(24_160);
  });

  it('logs the first few one by one again after a quiet minute, and writes what is counted when flushed', () => {
    const { clock, lines, log } = setUp(2);
    for (let i = 0; i < 4; i += 1) log.note('malformed notification: x', 'a:162');
    clock.advance(60_000);
    expect(lines).toHaveLength(3);
    clock.advance(60_000); // nothing counted: quiet
    log.note('malformed notification: y', 'b:162');
    expect(lines.at(-1)).toMatch(/from b:162: malformed notification: y/);
    log.note('malformed notification: z', 'c:162');
    log.note('malformed notification: z', 'c:162');
    log.flush();
    expect(lines.at(-1)).toMatch(/ignored 1 more datagram\(s\).*1 malformed notification \(last from c:162\)/);
    expect(clock.pending).toBe(0);
  });
});
