import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CupsInstaller } from '../../../../src-main/agent/installers';
import { ConsoleLink } from '../../../../src-main/agent/console-link';
import { consoleSetFiles, runJob } from '../../../../src-main/agent/job-runner';

/** A console no one listens at: driverless queues never fetch files. */
const nowhere = consoleSetFiles(new ConsoleLink({ consoleUrl: 'https://127.0.0.1:9', fingerprint: null, certificate: null, caFile: null, key: 'pd_x' }));
import { freePort } from '../../../helpers/slapd';
import { loopbackIppQueue } from '../../../helpers/job-queue-builders';

/**
 * A job ends in a report even when CUPS cannot be reached at all: before, a removal whose lpstat
 * failed threw out of the job, and the agent took it for the console being away and retried the
 * job forever without reporting it.
 */
describe.skipIf(!existsSync('/usr/bin/lpstat'))('running a job when CUPS is not there', () => {
  it('reports each queue as failed with the reason, for removal and installation', async () => {
    const cupsServer = `127.0.0.1:${await freePort()}`;
    const work = mkdtempSync(join(tmpdir(), 'printdeck-job-runner-'));
    const queue = loopbackIppQueue();
    try {
      const installer = new CupsInstaller('linux', cupsServer);
      const removed = await runJob({ id: 1, action: 'remove', createdAt: 0, queues: [queue] }, installer, join(work, '1'), ['Floor3'], () => 5, nowhere);
      expect(removed).toMatchObject({ jobId: 1, ok: false, finishedAt: 5, steps: [{ queueName: 'Floor3', step: 'remove', ok: false, message: expect.stringMatching(/^unexpected failure: /) }] });
      const installed = await runJob({ id: 2, action: 'install', createdAt: 0, queues: [queue] }, installer, join(work, '2'), [], () => 6, nowhere);
      // Before lpadmin the agent asks CUPS whether a queue of the name is there (and Printdeck's): that fails first.
      expect(installed).toMatchObject({ jobId: 2, ok: false, steps: [{ queueName: 'Floor3', step: 'queue', ok: false, message: expect.stringMatching(/^cannot ask CUPS whether Floor3 exists: /) }] });
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 60_000);
});
