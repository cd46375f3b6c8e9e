import { FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import type { AfterPackContext } from 'electron-builder';

/*
 * Build-time fuses (SECURITY.md, Electron checklist), flipped in the packaged Electron binary by
 * electron-builder's afterPack hook (electron-builder.yml `afterPack`), before anything is
 * signed. Runs only while packaging, from the project's node_modules: electron-builder.yml
 * leaves this folder out of the app.
 */

/**
 * The fuses of every packaged Printdeck: the binary cannot be run as plain Node
 * (ELECTRON_RUN_AS_NODE), takes no NODE_OPTIONS and no --inspect, loads the app only from its
 * app.asar and checks that archive against the hash electron-builder embeds (Info.plist on
 * macOS, a resource of the .exe on Windows; Electron does not check it on Linux). The window
 * loads from app://, so file:// pages get no extra privileges. Cookies are encrypted at rest.
 * Fuses this @electron/fuses does not know (Electron 35+'s WasmTrapHandlers) keep Electron's default.
 * `platform` is electron-builder's electronPlatformName: on macOS the ad-hoc signature, which
 * flipping breaks, is renewed (a real identity signs after this hook anyway).
 */
export function printdeckFuses(platform: string): FuseV1Config {
  return {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: platform === 'darwin',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** What the hook needs of electron-builder's context: the platform, and the packager that knows where the binary is. */
export type FuseHookContext = Pick<AfterPackContext, 'electronPlatformName'> & {
  packager: { addElectronFuses(context: FuseHookContext, fuses: FuseV1Config): Promise<number> };
};

/**
 * electron-builder's afterPack hook: flips `printdeckFuses` in the packed binary (the packager
 * finds it: Printdeck.exe, the .app's framework, the Linux executable). Throws, failing the
 * build, when the binary has no fuse wire or a wire of another version.
 */
export async function afterPack(context: FuseHookContext): Promise<void> {
  await context.packager.addElectronFuses(context, printdeckFuses(context.electronPlatformName));
}
