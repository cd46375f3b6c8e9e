import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscoveryProgress } from '../../../src-shared/contract/discovery.contract';
import { startSimulator, type Simulator } from '../../../src-main/simulator/simulator';
import { answeringDemoFleet } from '../inventory/inventory-rig';
import { openCore, type CoreRig } from './discovery-rig';

/**
 * Issue 14: the progress panel read "Rate 0 packets/s, time left unknown" while probing at
 * 1,000/s, and a finished search showed the rate of its idle reading phase. The progress events
 * of a real search over loopback must tell the rate and time left from the first tick on.
 */
const PORT = 16114;

describe('discovery progress events: rate and time left', () => {
  let dir: string;
  let rig: CoreRig;
  let simulator: Simulator;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'printdeck-progress-'));
    rig = await openCore(join(dir, 'printdeck.db'));
    simulator = await startSimulator({ port: PORT, baseAddress: '127.114.0.1', devices: answeringDemoFleet(4, 114) });
  });
  afterAll(async () => {
    await simulator?.close();
    await rig?.core.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports the probing rate and a time left while probing, and keeps the rate the probes were sent at once they are done', async () => {
    const events: DiscoveryProgress[] = [];
    const stop = rig.core.events.subscribe((name, payload) => {
      if (name === 'discovery.progress') events.push(payload as DiscoveryProgress);
    });
    try {
      // 400 addresses (4 answer) at 1,000/s; the silent ones wait 2 × 400 ms.
      const { run } = await rig.search({ methods: [{ kind: 'addresses', spec: '127.114.0.1-127.114.1.144' }], options: { port: PORT, timeoutMs: 400, retries: 1, ratePerSecond: 1000 } });
      expect(run.state).toBe('succeeded');
    } finally {
      stop();
    }
    const probing = events.filter((e) => e.phase === 'probing' && e.state === 'running' && e.elapsedMs >= 240);
    expect(probing.length).toBeGreaterThan(0);
    const first = probing[0];
    expect(first?.ratePerSecond).toBeGreaterThan(100);
    expect(first?.etaSeconds).not.toBeNull();
    const last = events[events.length - 1];
    expect(last?.state).toBe('succeeded');
    // The rate the probes were sent at (1,000/s asked; a loaded machine may lag), not the
    // average over the timeouts waited out after the last send (under 400 packets / 0.8 s).
    expect(last?.ratePerSecond).toBeGreaterThan(500);
    expect(last?.etaSeconds).toBeNull();
  });
});
