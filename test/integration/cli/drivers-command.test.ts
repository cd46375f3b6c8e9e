import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../../../src-shared/auth/call-context';
import { driversContract, DRIVERS_PLUGIN_ID } from '../../../src-shared/plugins/drivers/drivers.contract';
import { createApiClient } from '../../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../../src-shared/rpc/in-process-transport';
import { main } from '../../../src-main/cli/main';
import type { CommandIo } from '../../../src-main/cli/poll-command';
import { createCore } from '../../../src-main/core/create-core';
import { TEST_PPD, utf16Inf } from '../../helpers/driver-files';
import { freePort } from '../../helpers/slapd';
import { hasVsftpd, startVsftpd, type VsftpdRig } from '../../helpers/vsftpd';
import { buildZip } from '../../helpers/zip-builder';

/**
 * `printdeck drivers list|upload` run in this process (the command function with a fake io) on
 * a temp data folder whose driver stores are a real vsftpd on loopback (and one where nothing
 * listens): uploads of a folder and of a zip, the list, and every refusal with its exit code.
 */

interface Run {
  code: number;
  out: string;
  err: string;
}

async function printdeck(args: string[]): Promise<Run> {
  let out = '';
  let err = '';
  const io: CommandIo = { out: (text) => void (out += `${text}\n`), err: (text) => void (err += `${text}\n`) };
  const code = await main(['drivers', ...args], io);
  return { code, out, err };
}

const shown = (run: Run): string => `exit ${run.code}\n--- stdout\n${run.out}--- stderr\n${run.err}`;

let work: string;
let data: string;
let rig: VsftpdRig;

async function withDrivers<T>(use: (api: ReturnType<typeof createApiClient<typeof driversContract>>) => Promise<T>): Promise<T> {
  const core = await createCore({ databaseFile: join(data, 'printdeck.db'), resourcesDir: resolve(__dirname, '../../../resources'), version: '0.0.0-cli-test' });
  try {
    return await use(createApiClient(driversContract, createInProcessTransport(core.router, core.events, internalContext('cli', core.auth.localAdministrator())), DRIVERS_PLUGIN_ID));
  } finally {
    await core.dispose();
  }
}

beforeAll(async () => {
  if (!hasVsftpd) return;
  work = await mkdtemp(join(tmpdir(), 'printdeck-drivers-cli-'));
  data = join(work, 'data');
  await mkdir(data);
  rig = await startVsftpd();
  await mkdir(join(work, 'laser', 'x64'), { recursive: true });
  await writeFile(join(work, 'laser', 'x64', 'laser5000.inf'), utf16Inf());
  await writeFile(join(work, 'laser', 'x64', 'laser5000.gpd'), Buffer.alloc(9_000, 3));
  await writeFile(join(work, 'ppd.zip'), buildZip([{ name: 'laser5000.ppd', data: TEST_PPD }]));
  await mkdir(join(work, 'no-driver'));
  await writeFile(join(work, 'no-driver', 'readme.txt'), 'no driver here');
}, 30_000);

afterAll(async () => {
  await rig?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe.skipIf(!hasVsftpd)('printdeck drivers', () => {
  it('says there is no store to upload to', async () => {
    const run = await printdeck(['upload', join(work, 'laser'), '--name', 'Laser', '--os', 'windows', '--data', data]);
    expect(run.code, shown(run)).toBe(65);
    expect(run.err).toContain('no driver store is set up');
  });

  it('uploads a folder and a zip to the store and lists them', async () => {
    await withDrivers((api) => api.stores.save({ store: { name: 'Office FTP', host: '127.0.0.1', port: rig.port, directory: rig.root } }));
    const folder = await printdeck(['upload', join(work, 'laser'), '--name', 'Laser 5000', '--os', 'windows', '--arch', 'x64', '--data', data]);
    expect(folder.code, shown(folder)).toBe(0);
    expect(folder.out).toMatch(/^Uploaded "Laser 5000": Windows INF package for windows \(x64\), driver "Printdeck Laser 5000 PCL6" version 61\.290\.1\.25088, 2 files \(.*\) in sets\/laser-5000-[0-9a-f]{8} with manifest\.json\.$/m);
    const zip = await printdeck(['upload', join(work, 'ppd.zip'), '--name', 'Laser PPD', '--os', 'linux', '--store', 'office ftp', '--json', '--data', data]);
    expect(zip.code, shown(zip)).toBe(0);
    expect(JSON.parse(zip.out)).toMatchObject({ set: { kind: 'ppd', driverName: 'Printdeck Laser 5000 PS, 2.1' }, warnings: [] });
    const list = await printdeck(['list', '--data', data]);
    expect(list.code, shown(list)).toBe(0);
    expect(list.out).toMatch(/Laser 5000 +windows +x64 +inf +Printdeck Laser 5000 PCL6 +61\.290\.1\.25088 +2 /);
    expect(list.out).toMatch(/Laser PPD +linux +any +ppd .* Office FTP/);
    const linux = await printdeck(['list', '--os', 'linux', '--json', '--data', data]);
    expect((JSON.parse(linux.out) as { name: string }[]).map((s) => s.name)).toEqual(['Laser PPD']);
  });

  it('refuses bad arguments with exit 2, naming the option', async () => {
    for (const [args, message] of [
      [['upload', join(work, 'laser'), '--os', 'windows'], 'needs --name N'],
      [['upload', join(work, 'laser'), '--name', 'X'], 'needs --os windows|macos|linux'],
      [['upload', join(work, 'laser'), '--name', 'X', '--os', 'beos'], '--os "beos": choose windows, macos, linux'],
      [['upload', join(work, 'laser'), '--name', 'X', '--os', 'windows', '--kind', 'driverless'], '--kind "driverless": choose inf, ppd'],
      [['list', '--name', 'X'], '--name does not go with drivers list'],
      [['remove'], 'unknown action "remove"'],
      [['delete'], 'drivers delete needs the set, by name or id'],
      [['delete', 'a', 'b'], 'drivers delete takes one set ("a b")'],
      [['delete', 'X', '--os', 'linux'], '--os does not go with drivers delete'],
    ] as const) {
      const run = await printdeck([...args, '--data', data]);
      expect(run.code, shown(run)).toBe(2);
      expect(run.err).toContain(message);
    }
  });

  it('refuses what the files or the data do not allow with exit 65, saying what and where', async () => {
    const cases: [string[], string][] = [
      [['upload', join(work, 'missing'), '--name', 'X', '--os', 'windows'], `${join(work, 'missing')}: no such file or folder`],
      [['upload', join(work, 'no-driver'), '--name', 'X', '--os', 'windows'], `${join(work, 'no-driver')}: no INF or PPD file among the files`],
      [['upload', join(work, 'laser'), '--name', 'X', '--os', 'windows', '--driver', 'Nope'], 'driver name "Nope" is not a model of x64/laser5000.inf; they offer: "Printdeck Laser 5000 PCL6", "Printdeck Color 7000 PS"'],
      [['upload', join(work, 'laser'), '--name', 'laser 5000', '--os', 'windows'], 'a driver set named "laser 5000" exists already'],
      [['upload', join(work, 'laser'), '--name', 'X', '--os', 'windows', '--store', 'Elsewhere'], '--store "Elsewhere": no such driver store (there are "Office FTP")'],
    ];
    for (const [args, message] of cases) {
      const run = await printdeck([...args, '--data', data]);
      expect(run.code, shown(run)).toBe(65);
      expect(run.err).toContain(message);
    }
  });

  it('exits 1 when the store cannot be reached, and records nothing', async () => {
    await withDrivers((api) => freePort().then((port) => api.stores.save({ store: { name: 'Down', host: '127.0.0.1', port, directory: '/drivers' } })));
    const run = await printdeck(['upload', join(work, 'laser'), '--name', 'Never', '--os', 'windows', '--store', 'Down', '--data', data]);
    expect(run.code, shown(run)).toBe(1);
    expect(run.err).toContain('Could not write the set to the store "Down": nothing answers on 127.0.0.1:');
    const list = await printdeck(['list', '--json', '--data', data]);
    expect((JSON.parse(list.out) as { name: string }[]).map((s) => s.name)).not.toContain('Never');
  });

  it('deletes a set by name or id with its folder on the store, refused while an association uses it', async () => {
    const list = async (): Promise<{ id: number; name: string; folder: string | null }[]> => JSON.parse((await printdeck(['list', '--json', '--data', data])).out) as { id: number; name: string; folder: string | null }[];
    const ppd = (await list()).find((s) => s.name === 'Laser PPD');
    expect(ppd?.folder).toBeTruthy();
    const core = await createCore({ databaseFile: join(data, 'printdeck.db'), resourcesDir: resolve(__dirname, '../../../resources'), version: '0.0.0-cli-test' });
    let associationId: number;
    try {
      const api = createApiClient(driversContract, createInProcessTransport(core.router, core.events, internalContext('cli', core.auth.localAdministrator())), DRIVERS_PLUGIN_ID);
      const device = await core.api.devices.add({ address: '127.0.0.1', name: 'Lab printer' }, internalContext());
      const saved = await api.associations.save({ association: { name: 'Lab laser', deviceId: device.id, setId: ppd?.id ?? 0, queueName: 'Lab-Laser', protocol: 'ipp', port: 631, resource: 'ipp/print', defaults: { color: 'monochrome', duplex: 'one-sided', paperSize: null }, location: '' } });
      associationId = saved.id;
    } finally {
      await core.dispose();
    }
    const refused = await printdeck(['delete', 'laser ppd', '--data', data]);
    expect(refused.code, shown(refused)).toBe(65);
    expect(refused.err).toContain('drivers delete "Laser PPD": the set is used by 1 association (Lab laser): change or delete them first');
    expect((await list()).map((s) => s.name)).toContain('Laser PPD');
    await withDrivers((api) => api.associations.remove({ id: associationId }));
    const deleted = await printdeck(['delete', String(ppd?.id), '--data', data]);
    expect(deleted.code, shown(deleted)).toBe(0);
    expect(deleted.out).toBe(`Deleted "Laser PPD" and its folder ${ppd?.folder ?? ''} on the store "Office FTP".\n`);
    expect((await list()).map((s) => s.name)).not.toContain('Laser PPD');
    expect(existsSync(join(rig.root, ppd?.folder ?? 'x'))).toBe(false);
    const unknown = await printdeck(['delete', 'Nope', '--data', data]);
    expect(unknown.code, shown(unknown)).toBe(65);
    expect(unknown.err).toContain('drivers delete: no driver set "Nope" (there are "Laser 5000")');
  });
});
