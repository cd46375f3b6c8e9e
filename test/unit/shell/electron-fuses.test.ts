import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flipFuses, FuseV1Options, getCurrentFuseWire, type FuseV1Config } from '@electron/fuses';
import { LinuxPackager, type AfterPackContext } from 'electron-builder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { afterPack, printdeckFuses, type FuseHookContext } from '../../../src-main/shell/packaging/electron-fuses';

// electron-builder's own context must fit the hook (a compile-time check).
const hookAsElectronBuilderCallsIt: (context: AfterPackContext) => Promise<void> = afterPack;

/** The fuse wire's marker in an Electron binary (@electron/fuses' SENTINEL), then version and length bytes. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLE = '1'.charCodeAt(0);
const DISABLE = '0'.charCodeAt(0);
/** Electron 41's wire as shipped: nine fuses (the ninth, WasmTrapHandlers, is newer than @electron/fuses 1.x). */
const SHIPPED_WIRE = [ENABLE, DISABLE, ENABLE, ENABLE, DISABLE, DISABLE, DISABLE, ENABLE, ENABLE];

/** The config by fuse name, so a failure names the fuse. */
function byName(config: FuseV1Config): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [/^\d+$/.test(key) ? FuseV1Options[Number(key)] : key, value]));
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'printdeck-fuses-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in for a packed Electron executable: bytes, the fuse wire, more bytes. */
function aBinary(name: string, wire: readonly number[] = SHIPPED_WIRE): string {
  const file = join(dir, name);
  writeFileSync(file, Buffer.concat([Buffer.from('\x7fELF…code…'), Buffer.from(SENTINEL), Buffer.from([1, wire.length, ...wire]), Buffer.from('…more code')]));
  return file;
}

describe('the fuses of a packaged Printdeck', () => {
  it('are: no RunAsNode, no NODE_OPTIONS or --inspect, the app only from an asar that is integrity-checked, no extra file:// privileges', () => {
    expect(byName(printdeckFuses('linux'))).toStrictEqual({
      version: '1',
      resetAdHocDarwinSignature: false,
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('are the same on every platform; only macOS renews the ad-hoc signature flipping breaks', () => {
    const { resetAdHocDarwinSignature: _linux, ...linux } = printdeckFuses('linux');
    for (const platform of ['win32', 'darwin', 'mas']) {
      const { resetAdHocDarwinSignature, ...fuses } = printdeckFuses(platform);
      expect({ platform, fuses, resetAdHocDarwinSignature }).toStrictEqual({ platform, fuses: linux, resetAdHocDarwinSignature: platform === 'darwin' });
    }
  });
});

describe("electron-builder's afterPack hook", () => {
  it("hands the fuses for the context's platform to the packager, which knows where the binary is", async () => {
    const calls: Array<{ context: FuseHookContext; fuses: FuseV1Config }> = [];
    const context: FuseHookContext = {
      electronPlatformName: 'win32',
      packager: {
        addElectronFuses(given, fuses) {
          calls.push({ context: given, fuses });
          return Promise.resolve(1);
        },
      },
    };
    await afterPack(context);
    expect(calls).toEqual([{ context, fuses: printdeckFuses('win32') }]);
  });

  it("flips the fuse wire of a packed Linux binary through electron-builder's own addElectronFuses, leaving fuses it does not know alone", async () => {
    const binary = aBinary('printdeck');
    // electron-builder's LinuxPackager.addElectronFuses: <appOutDir>/<executableName>, then @electron/fuses' flipFuses.
    const packager: unknown = Object.assign(Object.create(LinuxPackager.prototype) as object, { executableName: 'printdeck' });
    await hookAsElectronBuilderCallsIt({ appOutDir: dir, electronPlatformName: 'linux', packager } as unknown as AfterPackContext);
    const wire = await getCurrentFuseWire(binary);
    const states = Array.from({ length: SHIPPED_WIRE.length }, (_, index) => String.fromCharCode(Number(wire[index as FuseV1Options])));
    // RunAsNode, cookies, NODE_OPTIONS, --inspect, asar integrity, asar only, V8 snapshot, file:// privileges, (WasmTrapHandlers untouched)
    expect(states.join('')).toBe('010011001');
    // Only the wire changed: the rest of the executable is byte for byte what it was.
    const bytes = readFileSync(binary).toString('latin1');
    expect([bytes.startsWith(Buffer.from(`\x7fELF…code…${SENTINEL}`).toString('latin1')), bytes.endsWith(Buffer.from('…more code').toString('latin1'))]).toEqual([true, true]);
  });

  it('fails the build when the binary has no fuse wire', async () => {
    const file = join(dir, 'not-electron');
    writeFileSync(file, 'no sentinel here');
    await expect(flipFuses(file, printdeckFuses('linux'))).rejects.toThrow(/Could not find sentinel/);
  });
});
