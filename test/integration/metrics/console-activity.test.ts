import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleActivity } from '../../../src-main/core/metrics/console-activity';
import type { Core } from '../../../src-main/core/create-core';
import { startSimulator, type Simulator } from '../../../src-main/simulator/simulator';
import { openCore } from '../discovery/discovery-rig';
import { openMailCore, smtpSettings, type MailCoreRig } from '../mail/mail-rig';
import { deadPort, startSmtpServer, type SmtpRig } from '../mail/smtp-rig';
import { aDemoPrinter } from '../settings/settings-rig';

/**
 * What the core reports of its own work for /metrics (core.metrics.activity): mail attempts
 * against a real SMTP server and a dead port (fake clock through the backoff), and a device
 * search over simulated printers. Loopback only.
 */

const SMTP_HOST = '127.160.3.1';
const DEAD_HOST = '127.160.3.2';
const MINUTE = 60_000;

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** Every activity the core reports, as [name, payload]. */
function recordActivity(core: Core): Array<[keyof ConsoleActivity, unknown]> {
  const seen: Array<[keyof ConsoleActivity, unknown]> = [];
  closers.push(core.metrics.activity.subscribe((name, payload) => seen.push([name, payload])));
  return seen;
}

describe("the console's activity", () => {
  it('reports each mail attempt: sent, failed with a retry to come, failed for good', async () => {
    const smtp: SmtpRig = await startSmtpServer({ host: SMTP_HOST });
    closers.push(() => smtp.close());
    const rig: MailCoreRig = await openMailCore();
    closers.push(() => rig.dispose());
    const seen = recordActivity(rig.core);

    await rig.api.mail.updateSettings(smtpSettings(SMTP_HOST, smtp.port));
    rig.core.mailOutbox.enqueue({ kind: 'alert', to: ['ops@example.test'], subject: 'Toner low', text: 'Lab: toner low.' });
    await rig.settle();
    expect(smtp.received).toHaveLength(1);
    expect(seen).toEqual([['mail.attempt', { outcome: 'sent' }]]);

    await rig.api.mail.updateSettings(smtpSettings(DEAD_HOST, await deadPort(DEAD_HOST)));
    rig.core.mailOutbox.enqueue({ kind: 'alert', to: ['ops@example.test'], subject: 'Door open', text: 'Lab: door open.' });
    await rig.settle();
    for (const wait of [1, 5, 15, 60]) await rig.advance(wait * MINUTE);
    expect(seen.slice(1)).toEqual([...Array.from({ length: 4 }, () => ['mail.attempt', { outcome: 'retry' }]), ['mail.attempt', { outcome: 'failed' }]]);
  });

  it('reports a device search when it ends, with what it found', async () => {
    const simulator: Simulator = await startSimulator({ devices: [aDemoPrinter('kyocera-mono')], baseAddress: '127.160.4.1', port: 0 });
    closers.push(() => simulator.close());
    const rig = await openCore(':memory:');
    closers.push(() => rig.core.dispose());
    const seen = recordActivity(rig.core);
    const port = simulator.devices[0]?.port ?? 161;

    await rig.search({ methods: [{ kind: 'addresses', spec: '127.160.4.1-127.160.4.3' }], options: { port, timeoutMs: 300, retries: 1, ratePerSecond: 5000 } });
    const searches = seen.filter(([name]) => name === 'search.finished').map(([, payload]) => payload);
    expect(searches).toEqual([{ state: 'succeeded', ms: expect.any(Number), answered: 1, new: 1 }]);
  });
});
