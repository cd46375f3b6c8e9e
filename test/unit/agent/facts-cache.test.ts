import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACTS_REFRESH_MS, FactsCache } from '../../../src-main/agent/agent-runner';
import { AgentState } from '../../../src-main/agent/agent-state';
import { CupsInstaller } from '../../../src-main/agent/installers';

/** The real CUPS installer (managing a server nobody runs), counting how often the facts are read from the system. */
class CountingInstaller extends CupsInstaller {
  reads = 0;
  override existing(candidates: readonly string[]): Promise<string[]> {
    this.reads++;
    return super.existing(candidates);
  }
}

describe('the facts told with every poll', () => {
  it('are read from the system once per refresh period or after a job, not on every poll', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printdeck-facts-'));
    try {
      const state = new AgentState(join(dir, 'state'), 'linux');
      await state.init();
      await state.saveQueues(['Floor3']);
      const installer = new CountingInstaller('linux', '127.0.0.1:9');
      let now = 1_000;
      const facts = new FactsCache(installer, state, () => now);
      const first = await facts.get();
      expect(first).toMatchObject({ os: 'linux', queues: ['Floor3'] });
      for (let i = 0; i < 5; i++) {
        now += 60_000;
        expect(await facts.get()).toBe(first);
      }
      expect(installer.reads).toBe(1);
      now += FACTS_REFRESH_MS;
      await facts.get();
      expect(installer.reads).toBe(2);
      await state.saveQueues(['Floor3', 'Floor4']);
      facts.stale();
      expect((await facts.get()).queues).toEqual(['Floor3', 'Floor4']);
      expect(installer.reads).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
