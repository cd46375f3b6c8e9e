import { describe, expect, it } from 'vitest';
import { fileMismatch, MANIFEST_FORMAT, manifestText, parseManifest, setPathProblem, verifySet, type SetManifest } from '../../../../src-shared/plugins/drivers/set-manifest';

const manifest: SetManifest = {
  format: MANIFEST_FORMAT,
  name: 'Laser',
  os: 'windows',
  arch: 'x64',
  kind: 'inf',
  version: '1.0',
  driverName: 'Laser PCL6',
  entryFile: 'x64/laser.inf',
  createdAt: '2026-12-07T20:00:00.000Z',
  files: [
    { path: 'x64/laser.inf', size: 10, sha256: 'a'.repeat(64) },
    { path: 'x64/laser.gpd', size: 20, sha256: 'b'.repeat(64) },
  ],
};

describe('driver set manifest', () => {
  it('refuses paths that would leave the set or that Windows and FTP cannot hold', () => {
    expect(setPathProblem('x64/laser.inf')).toBeNull();
    for (const [path, why] of [
      ['../laser.inf', '".." part'],
      ['x64/../../etc/passwd', '".." part'],
      ['/etc/passwd', 'absolute path'],
      ['x64\\laser.inf', 'backslash'],
      ['C:/laser.inf', 'drive letter'],
      ['a//b', 'empty'],
      ['a\nb', 'control character'],
      ['manifest.json', 'the manifest'],
      ['', 'empty file name'],
    ] as const) {
      expect(setPathProblem(path), path).toContain(why);
    }
    expect(setPathProblem('sub/manifest.json')).toBeNull();
  });

  it('reads back what it writes, one file a line', () => {
    const text = manifestText(manifest);
    expect(text.split('\n').filter((line) => line.includes('"sha256"'))).toHaveLength(2);
    expect(parseManifest(text)).toEqual(manifest);
  });

  it('says what is wrong with a manifest that is not one', () => {
    expect(() => parseManifest('{')).toThrow(/manifest\.json is not JSON/);
    expect(() => parseManifest(JSON.stringify({ ...manifest, format: 'other/1' }))).toThrow(/not a Printdeck driver set manifest at format/);
    expect(() => parseManifest(JSON.stringify({ ...manifest, files: [...manifest.files, { path: 'X64/LASER.INF', size: 1, sha256: 'c'.repeat(64) }] }))).toThrow(/names a file twice/);
    expect(() => parseManifest(JSON.stringify({ ...manifest, files: [{ path: '../x', size: 1, sha256: 'c'.repeat(64) }] }))).toThrow(/at files\.0\.path: an empty, "\." or "\.\." part/);
    expect(() => parseManifest(JSON.stringify({ ...manifest, entryFile: 'other.inf' }))).toThrow(/entry file is not among its files/);
  });

  it('names every file that differs: missing, another size, another digest', () => {
    const [inf, gpd] = manifest.files;
    if (!inf || !gpd) throw new Error('fixture');
    expect(fileMismatch(inf, { size: 10, sha256: 'a'.repeat(64) })).toBeNull();
    expect(fileMismatch(inf, { size: 10, sha256: 'A'.repeat(64) })).toBeNull();
    expect(fileMismatch(inf, null)).toBe('x64/laser.inf: missing on the store');
    expect(fileMismatch(inf, { size: 11, sha256: 'a'.repeat(64) })).toBe('x64/laser.inf: 11 bytes where the manifest says 10 — corrupted or altered, refused');
    expect(fileMismatch(gpd, { size: 20, sha256: 'c'.repeat(64) })).toMatch(/^x64\/laser\.gpd: SHA-256 cccccccccccc… where the manifest says bbbbbbbbbbbb…/);
    expect(verifySet(manifest, new Map([['x64/laser.inf', { size: 10, sha256: 'a'.repeat(64) }]]))).toEqual(['x64/laser.gpd: missing on the store']);
  });
});
