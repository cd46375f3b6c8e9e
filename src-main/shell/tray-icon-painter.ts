import { deflateSync } from 'node:zlib';
import type { DeviceState } from '../../src-shared/domain/device-reading';

/**
 * Paints the tray icons: a round status light per fleet state, as PNG bytes. The committed
 * files in resources/icons are this painter's output (`npx tsx src-main/shell/tray-icons.tool.ts`
 * rewrites them; a unit test checks they match), so the look is code, not an opaque binary.
 */

type Rgb = readonly [number, number, number];

/** Fill colours (Mantine's palette, so tray and window agree); unknown is a hollow grey ring. */
export const TRAY_COLOURS: Record<DeviceState, Rgb> = {
  ok: [0x2f, 0x9e, 0x44],
  warning: [0xf0, 0x8c, 0x00],
  error: [0xe0, 0x31, 0x31],
  offline: [0x49, 0x50, 0x57],
  unknown: [0x86, 0x8e, 0x96],
};

/** The icon file of a state at a scale: tray-error.png (16 px), tray-error@2x.png (32 px). */
export function trayIconFileName(state: DeviceState, scale: 1 | 2): string {
  return scale === 1 ? `tray-${state}.png` : `tray-${state}@2x.png`;
}

/** RGBA pixels of the status light, `size`×`size`, anti-aliased. */
export function paintStatusLight(state: DeviceState, size: number): Uint8Array {
  const [red, green, blue] = TRAY_COLOURS[state];
  const pixels = new Uint8Array(size * size * 4);
  const centre = size / 2;
  const outer = size * 0.42;
  const ring = Math.max(1, size / 8);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const distance = Math.hypot(x + 0.5 - centre, y + 0.5 - centre);
      let coverage = clamp(outer + 0.5 - distance);
      if (state === 'unknown') coverage *= clamp(distance - (outer - ring) + 0.5);
      const at = (y * size + x) * 4;
      // A darker rim keeps the light visible on both light and dark task bars.
      const shade = distance > outer - ring * 0.75 && state !== 'unknown' ? 0.7 : 1;
      // Offline gets a light "no entry" bar: grey alone vanishes on a dark task bar.
      const bar = state === 'offline' && Math.abs(y + 0.5 - centre) < size * 0.1 && Math.abs(x + 0.5 - centre) < outer * 0.6;
      pixels[at] = bar ? 0xf1 : Math.round(red * shade);
      pixels[at + 1] = bar ? 0xf3 : Math.round(green * shade);
      pixels[at + 2] = bar ? 0xf5 : Math.round(blue * shade);
      pixels[at + 3] = Math.round(coverage * 255);
    }
  }
  return pixels;
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/** Encodes RGBA pixels as a PNG (8-bit RGBA, no interlace); throws when the pixel count does not match the size. */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  if (rgba.length !== width * height * 4) throw new Error(`encodePng: expected ${width * height * 4} bytes of RGBA, got ${rgba.length}`);
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    // Each scanline starts with its filter type; 0 (none) is enough for icons this small.
    raw[y * (width * 4 + 1)] = 0;
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, adaptive filters, no interlace
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** The PNG of a state's icon at a scale (16 or 32 px). */
export function trayIconPng(state: DeviceState, scale: 1 | 2): Buffer {
  const size = 16 * scale;
  return encodePng(size, size, paintStatusLight(state, size));
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed), 0);
  return Buffer.concat([length, typed, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 as PNG chunks use it (zlib.crc32 needs Node 20.15+, we support 20.0). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
