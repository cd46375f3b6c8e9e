import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { internalContext } from '../../../../src-shared/auth/call-context';
import { appContract } from '../../../../src-shared/contract/app.contract';
import { driversContract, DRIVERS_PLUGIN_ID } from '../../../../src-shared/plugins/drivers/drivers.contract';
import { createApiClient } from '../../../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../../../src-shared/rpc/in-process-transport';
import { createCore, type Core } from '../../../../src-main/core/create-core';
import { readStoredSet, SetRefused } from '../../../../src-main/plugins/drivers/store-files/set-download';
import { TEST_INF, TEST_PPD, utf16Inf } from '../../../helpers/driver-files';
import { freePort, selfSignedCertificate } from '../../../helpers/slapd';
import { hasVsftpd, startVsftpd, type VsftpdRig } from '../../../helpers/vsftpd';
import { buildZip } from '../../../helpers/zip-builder';

/**
 * Driver stores and sets against a real FTP server (Debian vsftpd on a loopback port), in
 * passive and in active mode, through the drivers plug-in of a real core: the connection test,
 * chunked uploads of a folder and of a zip, the manifest, download with SHA-256 verified, a
 * corrupted file refused by name, delete.
 */

const RESOURCES = resolve(__dirname, '../../../../resources');
const CHEAP = { N: 2 ** 10, r: 8, p: 1 };

let dir: string;
let core: Core;
let rig: VsftpdRig;
let drivers: ReturnType<typeof createApiClient<typeof driversContract>>;
let app: ReturnType<typeof createApiClient<typeof appContract>>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'printdeck-driver-store-'));
  rig = await startVsftpd();
  core = await createCore({ databaseFile: join(dir, 'printdeck.db'), resourcesDir: RESOURCES, version: '0.0.0-test', passwordCost: CHEAP, log: () => undefined });
  const transport = createInProcessTransport(core.router, core.events, internalContext('cli', core.auth.localAdministrator()));
  drivers = createApiClient(driversContract, transport, DRIVERS_PLUGIN_ID);
  app = createApiClient(appContract, transport);
}, 30_000);

afterAll(async () => {
  await core?.dispose();
  await rig?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Sends a folder's files in chunks of at most `chunk` bytes. */
async function uploadFolder(storeId: number, name: string, files: Record<string, Buffer | string>, chunk = 4_096): Promise<Awaited<ReturnType<typeof drivers.sets.finishUpload>>> {
  const buffers = Object.entries(files).map(([path, data]) => [path, Buffer.isBuffer(data) ? data : Buffer.from(data)] as const);
  const bytes = buffers.reduce((sum, [, data]) => sum + data.length, 0);
  const { uploadId } = await drivers.sets.beginUpload({ storeId, metadata: { name, os: 'windows', arch: 'x64' }, source: { kind: 'folder', files: buffers.length, bytes } });
  for (const [path, data] of buffers) {
    for (let offset = 0; offset < data.length || offset === 0; offset += chunk) {
      await drivers.sets.uploadChunk({ uploadId, path, offset, content: data.subarray(offset, offset + chunk).toString('base64') });
      if (data.length === 0) break;
    }
  }
  return drivers.sets.finishUpload({ uploadId });
}

describe.skipIf(!hasVsftpd)('driver stores on vsftpd', () => {
  for (const mode of ['passive', 'active'] as const) {
    describe(`${mode} mode`, () => {
      let storeId: number;
      const directory = (): string => join(rig.root, mode);

      it('tests the connection step by step', async () => {
        const store = await drivers.stores.save({ store: { name: `vsftpd ${mode}`, host: '127.0.0.1', port: rig.port, directory: rig.root, mode } });
        storeId = store.id;
        expect(store).toMatchObject({ passwordSet: false, mode, sets: 0 });
        expect(store.warnings.join(' ')).toContain('unencrypted');
        const result = await drivers.stores.test({ id: storeId });
        expect(result.steps.map((s) => s.step)).toEqual(['connect', 'login', 'directory', 'list', 'write']);
        expect(result.ok).toBe(true);
        expect(result.steps.find((s) => s.step === 'list')?.message).toContain(`${mode} mode`);
        // Its own folder per mode, below the served one.
        writeFileSync(join(rig.root, `.keep-${mode}`), '');
        await drivers.stores.save({ id: storeId, store: { name: `vsftpd ${mode}`, host: '127.0.0.1', port: rig.port, directory: directory(), mode } });
        expect((await drivers.stores.test({ id: storeId })).steps.find((s) => !s.ok)).toMatchObject({ step: 'directory' });
      });

      it('uploads a folder in chunks; the manifest lists every file with its SHA-256; it reads back verified', async () => {
        await drivers.stores.save({ id: storeId, store: { name: `vsftpd ${mode}`, host: '127.0.0.1', port: rig.port, directory: rig.root, mode } });
        const gpd = Buffer.alloc(40_000, 7);
        const { set, warnings } = await uploadFolder(storeId, `Laser 5000 ${mode}`, { 'x64/laser5000.inf': utf16Inf(), 'x64/laser5000.gpd': gpd, 'readme.txt': 'read me', 'empty.dat': '' });
        expect(set).toMatchObject({ kind: 'inf', os: 'windows', arch: 'x64', driverName: 'Printdeck Laser 5000 PCL6', version: '61.290.1.25088', entryFile: 'x64/laser5000.inf', files: 4, storeId });
        expect(set.models).toEqual(['Printdeck Laser 5000 PCL6', 'Printdeck Color 7000 PS']);
        expect(warnings).toEqual([]);
        const folder = join(rig.root, ...(set.folder ?? '').split('/'));
        const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as { files: { path: string; size: number; sha256: string }[] };
        expect(manifest.files.map((f) => f.path)).toEqual(['empty.dat', 'readme.txt', 'x64/laser5000.gpd', 'x64/laser5000.inf']);
        expect(manifest.files.find((f) => f.path === 'x64/laser5000.gpd')).toMatchObject({ size: 40_000 });
        expect((await drivers.sets.list({})).sets.map((s) => s.name)).toContain(`Laser 5000 ${mode}`);
        expect(await drivers.sets.verify({ id: set.id })).toMatchObject({ ok: true, files: 4, problems: [] });
        const into = mkdtempSync(join(dir, 'read-'));
        const read = await readStoredSet({ host: '127.0.0.1', port: rig.port, directory: rig.root, user: '', password: null, mode, security: 'none', verifyCertificate: true }, set.folder ?? '', { into, manifestSha256: set.manifestSha256 });
        expect(read).toMatchObject({ files: 4, bytes: gpd.length + utf16Inf().length + 7 });
        expect(readFileSync(join(into, 'x64', 'laser5000.gpd')).equals(gpd)).toBe(true);
        // The system log keeps each chunk by its size, never the driver's bytes.
        const { entries } = await app.audit.list({ action: 'drivers.sets.uploadChunk' });
        expect(entries.length).toBeGreaterThan(0);
        expect(JSON.stringify(entries)).not.toContain(gpd.subarray(0, 4_096).toString('base64').slice(0, 40));
      });

      it('refuses a corrupted file by name and keeps nothing of it; a changed manifest is refused too', async () => {
        const { set } = await uploadFolder(storeId, `Corrupted ${mode}`, { 'a.inf': utf16Inf(), 'data/b.bin': Buffer.alloc(1000, 1) });
        const folder = join(rig.root, ...(set.folder ?? '').split('/'));
        writeFileSync(join(folder, 'data', 'b.bin'), Buffer.alloc(1000, 2));
        const verify = await drivers.sets.verify({ id: set.id });
        expect(verify.ok).toBe(false);
        expect(verify.problems[0]).toMatch(/^data\/b\.bin: SHA-256 .* corrupted or altered, refused$/);
        const into = mkdtempSync(join(dir, 'corrupt-'));
        const target = { host: '127.0.0.1', port: rig.port, directory: rig.root, user: '', password: null, mode, security: 'none' as const, verifyCertificate: true };
        const refused = await readStoredSet(target, set.folder ?? '', { into, manifestSha256: set.manifestSha256 }).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(SetRefused);
        expect(refused).toMatchObject({ file: 'data/b.bin' });
        expect(existsSync(join(into, 'data', 'b.bin'))).toBe(false);
        // A longer file stops at the manifest's size.
        writeFileSync(join(folder, 'data', 'b.bin'), Buffer.alloc(5000, 1));
        expect(String(await readStoredSet(target, set.folder ?? '', {}).catch((e: unknown) => e))).toContain('data/b.bin: larger than the 1000 bytes');
        // Files and manifest rewritten together: the manifest's recorded SHA-256 catches it.
        const manifest = readFileSync(join(folder, 'manifest.json'), 'utf8');
        const rewritten = manifest.replace(/"size":1000/, '"size":5000');
        expect(rewritten).not.toBe(manifest);
        writeFileSync(join(folder, 'manifest.json'), rewritten);
        expect(await readStoredSet(target, set.folder ?? '', { manifestSha256: set.manifestSha256 }).catch((e: unknown) => e)).toMatchObject({ file: 'manifest.json' });
      });

      it('uploads a zip (its single top folder dropped) and deletes a set with its folder', async () => {
        const zip = buildZip([
          { name: 'Laser5000/', data: '' },
          { name: 'Laser5000/laser5000.ppd', data: TEST_PPD },
          { name: '__MACOSX/Laser5000/._laser5000.ppd', data: 'junk' },
        ]);
        const { uploadId } = await drivers.sets.beginUpload({ storeId, metadata: { name: `PPD ${mode}`, os: 'linux' }, source: { kind: 'zip', fileName: 'laser.zip', bytes: zip.length } });
        await drivers.sets.uploadChunk({ uploadId, offset: 0, content: zip.subarray(0, 50).toString('base64') });
        await drivers.sets.uploadChunk({ uploadId, offset: 50, content: zip.subarray(50).toString('base64') });
        // The store is away at first: the upload stays and is finished once it is back.
        const settings = { name: `vsftpd ${mode}`, host: '127.0.0.1', directory: rig.root, mode };
        await drivers.stores.save({ id: storeId, store: { ...settings, port: await freePort() } });
        await expect(drivers.sets.finishUpload({ uploadId })).rejects.toMatchObject({ code: 'device-unreachable', message: expect.stringContaining('connection refused') });
        await drivers.stores.save({ id: storeId, store: { ...settings, port: rig.port } });
        const { set } = await drivers.sets.finishUpload({ uploadId });
        expect(set).toMatchObject({ kind: 'ppd', os: 'linux', arch: 'any', driverName: 'Printdeck Laser 5000 PS, 2.1', version: '2.1', entryFile: 'laser5000.ppd', files: 1 });
        const folder = join(rig.root, ...(set.folder ?? '').split('/'));
        expect(readdirSync(folder).sort()).toEqual(['laser5000.ppd', 'manifest.json']);
        const removed = await drivers.sets.remove({ id: set.id });
        expect(removed.removedFromStore).toBe(true);
        expect(existsSync(folder)).toBe(false);
      });
    });
  }

  it('says which step failed and why: nothing listening, an anonymous-only server, a missing directory', async () => {
    const base = { name: 'Broken', host: '127.0.0.1', directory: rig.root };
    const refused = await drivers.stores.test({ store: { ...base, port: 1 } });
    expect(refused.ok).toBe(false);
    expect(refused.steps).toEqual([expect.objectContaining({ step: 'connect', ok: false, message: expect.stringContaining('nothing answers on 127.0.0.1:1 (connection refused)') })]);
    const login = await drivers.stores.test({ store: { ...base, port: rig.port, user: 'printdeck', password: 'S3cret' } });
    expect(login.steps.at(-1)).toMatchObject({ step: 'login', ok: false, message: expect.stringContaining('refused the user name or password (530') });
    const missing = await drivers.stores.test({ store: { ...base, port: rig.port, directory: `${rig.root}/nowhere` } });
    expect(missing.steps.at(-1)).toMatchObject({ step: 'directory', ok: false, message: expect.stringContaining('does not exist') });
  });

  it('refuses chunks at the wrong offset, paths that leave the set, and zips that would write outside it; nothing reaches the store', async () => {
    const store = (await drivers.stores.list({})).stores[0];
    if (!store) throw new Error('no store');
    const { uploadId } = await drivers.sets.beginUpload({ storeId: store.id, metadata: { name: 'Refused', os: 'windows' }, source: { kind: 'folder', files: 1, bytes: 10 } });
    await expect(drivers.sets.uploadChunk({ uploadId, path: 'a.inf', offset: 5, content: 'AAAA' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('resend from 0') });
    await expect(drivers.sets.uploadChunk({ uploadId, path: '../a.inf', offset: 0, content: 'AAAA' })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('".." part') });
    await expect(drivers.sets.finishUpload({ uploadId })).rejects.toMatchObject({ message: expect.stringContaining('0 of the 10 bytes') });
    await drivers.sets.cancelUpload({ uploadId });
    for (const [name, zip] of [
      ['slip', buildZip([{ name: '../evil.inf', data: TEST_INF }])],
      ['link', buildZip([{ name: 'a.inf', data: TEST_INF }, { name: 'link', data: '/etc/passwd', mode: 0o120777 }])],
    ] as const) {
      const begun = await drivers.sets.beginUpload({ storeId: store.id, metadata: { name: `Zip ${name}`, os: 'windows' }, source: { kind: 'zip', fileName: `${name}.zip`, bytes: zip.length } });
      await drivers.sets.uploadChunk({ uploadId: begun.uploadId, offset: 0, content: zip.toString('base64') });
      await expect(drivers.sets.finishUpload({ uploadId: begun.uploadId })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringMatching(name === 'slip' ? /zip: .*evil\.inf/ : /zip: link is a symbolic link/) });
    }
    expect((await drivers.sets.list({})).sets.map((s) => s.name)).not.toContain('Zip slip');
  });

  it('keeps the store password sealed, and will not send it to another server without it being typed again', async () => {
    const saved = await drivers.stores.save({ store: { name: 'With password', host: '127.0.0.1', port: rig.port, directory: rig.root, user: 'drivers', password: 'Ftp-S3cret' } });
    expect(saved.passwordSet).toBe(true);
    expect(JSON.stringify(await drivers.stores.list({}))).not.toContain('Ftp-S3cret');
    await expect(drivers.stores.save({ id: saved.id, store: { name: 'With password', host: '127.0.0.2', port: rig.port, directory: rig.root, user: 'drivers' } })).rejects.toMatchObject({ code: 'invalid-argument', message: expect.stringContaining('enter the password again') });
    await drivers.stores.remove({ id: saved.id });
  });
});

describe.skipIf(!hasVsftpd)('driver stores on vsftpd with FTPS (AUTH TLS)', () => {
  let tlsRig: VsftpdRig;
  let ca: string;

  beforeAll(async () => {
    const certificate = await selfSignedCertificate();
    ca = certificate.cert;
    tlsRig = await startVsftpd({ tls: certificate });
  }, 30_000);

  afterAll(async () => {
    await tlsRig?.stop();
  });

  it('checks the certificate against the given authority, and says so when it is not trusted', async () => {
    const base = { name: 'FTPS', host: '127.0.0.1', port: tlsRig.port, directory: tlsRig.root, security: 'explicit' as const };
    const untrusted = await drivers.stores.test({ store: base });
    expect(untrusted.steps.at(-1)).toMatchObject({ step: 'tls', ok: false, message: expect.stringContaining("the server's TLS certificate is not trusted") });
    const trusted = await drivers.stores.test({ store: { ...base, caCertificate: ca } });
    expect(trusted.steps.map((s) => [s.step, s.ok])).toEqual([
      ['connect', true],
      ['tls', true],
      ['login', true],
      ['directory', true],
      ['list', true],
      ['write', true],
    ]);
    expect(trusted.steps[1]?.message).toBe('TLS set up (AUTH TLS), certificate checked.');
  });

  for (const mode of ['passive', 'active'] as const) {
    it(`uploads and reads back verified over TLS in ${mode} mode`, async () => {
      const store = await drivers.stores.save({ store: { name: `FTPS ${mode}`, host: '127.0.0.1', port: tlsRig.port, directory: tlsRig.root, security: 'explicit', caCertificate: ca, mode } });
      const { set } = await uploadFolder(store.id, `TLS ${mode}`, { 'laser.inf': utf16Inf(), 'laser.gpd': Buffer.alloc(70_000, 5) });
      expect(await drivers.sets.verify({ id: set.id })).toMatchObject({ ok: true, files: 2 });
      expect(tlsRig.log()).toMatch(/AUTH TLS/);
    });
  }
});
