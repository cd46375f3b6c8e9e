import { beforeAll, describe, expect, it } from 'vitest';
import { describeResult, requireBuiltCli, runCli } from './cli-process';

/**
 * `printdeck demo` binds 127.20.0.1 … on port 1161 (not configurable); no other test uses
 * 127.20.0.1–127.20.0.10:1161, so this file is the only one that may run it.
 */

beforeAll(() => requireBuiltCli());

describe('printdeck demo', () => {
  it('--count 5 --interval 1 --rounds 2 prints a first-read summary, two poll summaries, and exits 0', async () => {
    const result = await runCli(['demo', '--count', '5', '--interval', '1', '--rounds', '2'], 15_000);
    expect(result.code, describeResult(result)).toBe(0);
    const titles = [...result.stdout.matchAll(/ {2}(first read|poll \d+): (\d+) devices in \d+ ms — /g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(titles, result.stdout).toEqual(['first read: 5', 'poll 1: 5', 'poll 2: 5']);
    expect(result.stdout).toMatch(/^5 simulated printers on 127\.20\.0\.1 … port 1161\./);
    // DEMO_HELP promises a printer that jams: the demo jams the first one in round 1.
    const pollOne = result.stdout.slice(result.stdout.indexOf('poll 1:'), result.stdout.indexOf('poll 2:'));
    expect(pollOne).toMatch(/127\.20\.0\.1:1161 +error +Paper jam/);
    expect(result.stderr).toBe('');
  });
});
