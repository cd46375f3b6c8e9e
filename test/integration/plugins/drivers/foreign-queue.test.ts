import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobQueue } from '../../../../src-shared/plugins/drivers/agent-protocol';
import { CupsInstaller } from '../../../../src-main/agent/installers';
import { hasCups, startCups, type CupsRig } from '../../../helpers/cups';

/**
 * A queue of the same name that Printdeck did not make (its description does not start with
 * "Printdeck: ") is neither replaced by an install nor deleted by a removal: the agent says
 * "not ours, left alone". A private cupsd and ippeveprinter on loopback.
 */

let cups: CupsRig;
beforeAll(async () => {
  if (hasCups) cups = await startCups();
}, 60_000);
afterAll(async () => {
  await cups?.stop();
});

const queue = (queueName: string): JobQueue => ({
  associationId: 1,
  name: 'Front desk',
  queueName,
  uri: cups.printerUri,
  protocol: 'ipp',
  host: '127.0.0.1',
  port: cups.printerPort,
  resource: 'ipp/print',
  defaults: { color: 'monochrome', duplex: 'one-sided', paperSize: null },
  location: '',
  set: { name: 'IPP Everywhere', os: 'linux', kind: 'driverless', driverName: '', entryFile: null, folder: null, manifestSha256: null, store: null },
});

describe.skipIf(!hasCups)('a queue Printdeck did not create', () => {
  it('is left alone by install and remove, while a Printdeck queue of another name is replaced and removed', async () => {
    cups.run('lpadmin', ['-h', cups.server, '-p', 'Front-Desk', '-E', '-v', cups.printerUri, '-m', 'everywhere', '-D', 'Made by the IT team']);
    const installer = new CupsInstaller('linux', cups.server);
    const install = await installer.install(queue('Front-Desk'), null);
    expect(install).toEqual([{ queueName: 'Front-Desk', step: 'queue', ok: false, message: expect.stringMatching(/^Front-Desk: a print queue of this name exists that Printdeck did not create .*not ours, left alone$/) }]);
    const remove = await installer.remove('Front-Desk');
    expect(remove).toEqual([{ queueName: 'Front-Desk', step: 'remove', ok: true, message: expect.stringMatching(/not ours, left alone$/) }]);
    expect(cups.run('lpoptions', ['-h', cups.server, '-p', 'Front-Desk'])).toContain("printer-info='Made by the IT team'");

    expect((await installer.install(queue('Printdeck-Desk'), null)).every((s) => s.ok)).toBe(true);
    expect((await installer.install(queue('Printdeck-Desk'), null)).every((s) => s.ok)).toBe(true);
    expect(await installer.remove('Printdeck-Desk')).toEqual([{ queueName: 'Printdeck-Desk', step: 'remove', ok: true, message: 'removed Printdeck-Desk' }]);
    expect(await installer.existing(['Front-Desk', 'Printdeck-Desk'])).toEqual(['Front-Desk']);
  }, 120_000);
});
