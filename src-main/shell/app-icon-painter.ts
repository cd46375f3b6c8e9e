import { encodePng } from './tray-icon-painter';

/**
 * Paints the application icon (installers, the dock, the task bar, the .desktop entry) and
 * packs it as electron-builder wants it in resources/build: icon.png (1024 px; Linux), icon.ico
 * (16–256 px; Windows) and icon.icns (16–1024 px; macOS). The committed files are this
 * painter's output (`npx tsx src-main/shell/app-icons.tool.ts` rewrites them; a unit test
 * checks they match), so the look is code, not an opaque binary.
 *
 * The picture: a printer on a blue rounded square, a page coming out, a green status light.
 * Every shape is a signed distance in units of the icon's width, so each size is painted
 * sharp at its own resolution rather than scaled down.
 */

type Rgb = readonly [number, number, number];

/** A shape: its signed distance at (x, y) (negative inside), in icon widths. */
type Shape = (x: number, y: number) => number;

interface Layer {
  shape: Shape;
  /** The colour at (x, y): most layers are flat, the background a gradient. */
  colour: (x: number, y: number) => Rgb;
}

function roundedBox(left: number, top: number, right: number, bottom: number, radius: number): Shape {
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  const hx = (right - left) / 2 - radius;
  const hy = (bottom - top) / 2 - radius;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
  };
}

function circle(cx: number, cy: number, radius: number): Shape {
  return (x, y) => Math.hypot(x - cx, y - cy) - radius;
}

/** From `from` at t = 0 to `to` at t = 1 (clamped), per channel. */
function mix(from: Rgb, to: Rgb, t: number): Rgb {
  const k = Math.min(1, Math.max(0, t));
  return [from[0] + (to[0] - from[0]) * k, from[1] + (to[1] - from[1]) * k, from[2] + (to[2] - from[2]) * k];
}

const flat =
  (rgb: Rgb) =>
  (): Rgb =>
    rgb;

/** Mantine's blues, white, and the tray's green "ok" light, so icon, tray and window agree. */
const TOP_BLUE: Rgb = [0x33, 0x9a, 0xf0];
const BOTTOM_BLUE: Rgb = [0x18, 0x64, 0xab];
const WHITE: Rgb = [0xff, 0xff, 0xff];
const PAPER: Rgb = [0xe7, 0xf5, 0xff];
const SLOT: Rgb = [0x1c, 0x3d, 0x5a];
const INK: Rgb = [0xa5, 0xd8, 0xff];
const GREEN: Rgb = [0x40, 0xc0, 0x57];

/** Back to front. */
const LAYERS: readonly Layer[] = [
  {
    shape: roundedBox(0.06, 0.06, 0.94, 0.94, 0.2),
    colour: (_x, y) => mix(TOP_BLUE, BOTTOM_BLUE, (y - 0.06) / 0.88),
  },
  // The sheet waiting in the input tray, behind the body.
  { shape: roundedBox(0.31, 0.2, 0.69, 0.46, 0.025), colour: flat(PAPER) },
  { shape: roundedBox(0.18, 0.38, 0.82, 0.7, 0.07), colour: flat(WHITE) },
  { shape: roundedBox(0.27, 0.585, 0.73, 0.625, 0.02), colour: flat(SLOT) },
  // The printed page, coming out of the slot.
  { shape: roundedBox(0.31, 0.605, 0.69, 0.83, 0.025), colour: flat(WHITE) },
  { shape: roundedBox(0.36, 0.68, 0.64, 0.7, 0.01), colour: flat(INK) },
  { shape: roundedBox(0.36, 0.73, 0.58, 0.75, 0.01), colour: flat(INK) },
  { shape: circle(0.71, 0.47, 0.04), colour: flat(GREEN) },
];

/** RGBA pixels of the icon, `size`×`size`, anti-aliased (straight alpha). */
export function paintAppIcon(size: number): Uint8Array {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / size;
      const y = (py + 0.5) / size;
      let red = 0;
      let green = 0;
      let blue = 0;
      let alpha = 0;
      for (const layer of LAYERS) {
        // Half a pixel either side of the edge is blended.
        const coverage = Math.min(1, Math.max(0, 0.5 - layer.shape(x, y) * size));
        if (coverage === 0) continue;
        const [r, g, b] = layer.colour(x, y);
        const outAlpha = coverage + alpha * (1 - coverage);
        red = (r * coverage + red * alpha * (1 - coverage)) / outAlpha;
        green = (g * coverage + green * alpha * (1 - coverage)) / outAlpha;
        blue = (b * coverage + blue * alpha * (1 - coverage)) / outAlpha;
        alpha = outAlpha;
      }
      const at = (py * size + px) * 4;
      pixels[at] = Math.round(red);
      pixels[at + 1] = Math.round(green);
      pixels[at + 2] = Math.round(blue);
      pixels[at + 3] = Math.round(alpha * 255);
    }
  }
  return pixels;
}

/** The icon as a PNG of `size` pixels square. */
export function appIconPng(size: number): Buffer {
  return encodePng(size, size, paintAppIcon(size));
}

/** The sizes in icon.ico: what Windows asks for, from the small task-bar icon to the 256 px tile. */
export const ICO_SIZES: readonly number[] = [16, 24, 32, 48, 64, 128, 256];

/**
 * A Windows .ico holding one PNG per size (PNG entries are valid since Windows Vista); sizes
 * of 256 and more are written as 0 in the directory, as the format says. Throws on a size
 * above 256.
 */
export function encodeIco(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // 1: icon
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  let offset = header.length + directory.length;
  images.forEach(({ size, png }, index) => {
    if (size > 256) throw new Error(`encodeIco: ${size} px is larger than an .ico entry can be (256)`);
    const at = index * 16;
    directory.writeUInt8(size === 256 ? 0 : size, at);
    directory.writeUInt8(size === 256 ? 0 : size, at + 1);
    directory.writeUInt8(0, at + 2); // no palette
    directory.writeUInt8(0, at + 3);
    directory.writeUInt16LE(1, at + 4); // colour planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(png.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, directory, ...images.map((image) => image.png)]);
}

/** The entries of icon.icns: each OSType with the pixel size of its PNG (the @2x types for Retina). */
export const ICNS_ENTRIES: ReadonlyArray<{ type: string; size: number }> = [
  { type: 'icp4', size: 16 },
  { type: 'icp5', size: 32 },
  { type: 'ic11', size: 32 }, // 16@2x
  { type: 'ic12', size: 64 }, // 32@2x
  { type: 'ic07', size: 128 },
  { type: 'ic08', size: 256 },
  { type: 'ic13', size: 256 }, // 128@2x
  { type: 'ic09', size: 512 },
  { type: 'ic14', size: 512 }, // 256@2x
  { type: 'ic10', size: 1024 }, // 512@2x
];

/** A macOS .icns: the 'icns' header, then one PNG per entry, lengths big-endian and including their 8-byte headers. */
export function encodeIcns(entries: ReadonlyArray<{ type: string; png: Buffer }>): Buffer {
  const chunks = entries.map(({ type, png }) => {
    if (!/^[\x20-\x7e]{4}$/.test(type)) throw new Error(`encodeIcns: "${type}" is not a four-character type`);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

/** The three files of resources/build, by name: each size painted once. */
export function appIconFiles(): Record<'icon.png' | 'icon.ico' | 'icon.icns', Buffer> {
  const sizes = new Set([...ICO_SIZES, ...ICNS_ENTRIES.map((entry) => entry.size), 1024]);
  const pngs = new Map([...sizes].map((size) => [size, appIconPng(size)]));
  const png = (size: number): Buffer => {
    const bytes = pngs.get(size);
    if (!bytes) throw new Error(`appIconFiles: no ${size} px image painted`);
    return bytes;
  };
  return {
    'icon.png': png(1024),
    'icon.ico': encodeIco(ICO_SIZES.map((size) => ({ size, png: png(size) }))),
    'icon.icns': encodeIcns(ICNS_ENTRIES.map(({ type, size }) => ({ type, png: png(size) }))),
  };
}
