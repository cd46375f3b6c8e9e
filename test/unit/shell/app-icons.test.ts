import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { appIconFiles, encodeIco, ICNS_ENTRIES, ICO_SIZES, paintAppIcon } from '../../../src-main/shell/app-icon-painter';

const buildDir = join(__dirname, '..', '..', '..', 'resources', 'build');
const NAMES = ['icon.png', 'icon.ico', 'icon.icns'] as const;

/** Width, height and the RGBA bytes' length of a PNG (8-bit RGBA, one IDAT, as encodePng writes). */
function pngFacts(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatLength = png.readUInt32BE(33);
  expect(inflateSync(png.subarray(41, 41 + idatLength)).length).toBe((width * 4 + 1) * height);
  return { width, height };
}

let painted: ReturnType<typeof appIconFiles>;
beforeAll(() => {
  painted = appIconFiles();
});

describe('the application icon files in resources/build', () => {
  it.each(NAMES)('%s is the painter output', (name) => {
    const file = readFileSync(join(buildDir, name));
    expect(file.equals(painted[name]), `${name} differs: run npx tsx src-main/shell/app-icons.tool.ts`).toBe(true);
  });

  it('icon.png is 1024 px square (electron-builder needs 512 or more for macOS and Linux)', () => {
    expect(pngFacts(readFileSync(join(buildDir, 'icon.png')))).toEqual({ width: 1024, height: 1024 });
  });

  it('icon.ico holds one PNG per size from 16 to 256 px (256 written as 0), each where the directory says', () => {
    const ico = readFileSync(join(buildDir, 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, ICO_SIZES.length]);
    const entries = ICO_SIZES.map((_, index) => {
      const at = 6 + index * 16;
      const size = ico.readUInt8(at) || 256;
      const png = ico.subarray(ico.readUInt32LE(at + 12), ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8));
      return { size, bits: ico.readUInt16LE(at + 6), png: pngFacts(png) };
    });
    expect(entries).toEqual(ICO_SIZES.map((size) => ({ size, bits: 32, png: { width: size, height: size } })));
  });

  it('icon.icns holds the 16 to 1024 px PNG entries macOS asks for, with lengths that add up', () => {
    const icns = readFileSync(join(buildDir, 'icon.icns'));
    expect([icns.subarray(0, 4).toString('ascii'), icns.readUInt32BE(4)]).toEqual(['icns', icns.length]);
    const entries: Array<{ type: string; size: number }> = [];
    for (let at = 8; at < icns.length; ) {
      const length = icns.readUInt32BE(at + 4);
      const { width, height } = pngFacts(icns.subarray(at + 8, at + length));
      expect(width).toBe(height);
      entries.push({ type: icns.subarray(at, at + 4).toString('ascii'), size: width });
      at += length;
    }
    expect(entries).toEqual(ICNS_ENTRIES);
  });
});

describe('the icon painter', () => {
  it('paints a transparent corner, the blue square, the white printer and its green light', () => {
    const size = 64;
    const pixels = paintAppIcon(size);
    /** The RGBA of the pixel at (x, y), in icon widths. */
    const at = (x: number, y: number): number[] => {
      const index = (Math.floor(y * size) * size + Math.floor(x * size)) * 4;
      return Array.from(pixels.subarray(index, index + 4));
    };
    expect(at(0.01, 0.01)[3]).toBe(0);
    expect(at(0.1, 0.5)).toEqual([expect.any(Number), expect.any(Number), expect.any(Number), 255]);
    expect(at(0.1, 0.5)[2]).toBeGreaterThan(150);
    expect(at(0.3, 0.5)).toEqual([255, 255, 255, 255]);
    const [red, green, blue] = at(0.71, 0.47);
    expect((green ?? 0) > (red ?? 0) && (green ?? 0) > (blue ?? 0)).toBe(true);
  });

  it('refuses an .ico entry larger than 256 px', () => {
    expect(() => encodeIco([{ size: 512, png: Buffer.alloc(0) }])).toThrow(/256/);
  });
});
