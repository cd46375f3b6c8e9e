import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEVICE_STATES } from '../../src-shared/domain/device-reading';
import { trayIconFileName, trayIconPng } from './tray-icon-painter';

/** Rewrites resources/icons/tray-*.png from the painter: `npx tsx src-main/shell/tray-icons.tool.ts`. */
function writeTrayIcons(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const state of DEVICE_STATES) {
    for (const scale of [1, 2] as const) writeFileSync(join(dir, trayIconFileName(state, scale)), trayIconPng(state, scale));
  }
}

writeTrayIcons(join(__dirname, '..', '..', 'resources', 'icons'));
