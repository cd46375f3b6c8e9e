import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSnmprecDir } from '../../../src-main/simulator/simulator';

/** A folder of recordings as `printdeck simulate --dir` and the simulator process read it. */

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'printdeck-snmprec-dir-'));
});
afterEach(async () => {
  await chmod(join(dir, 'locked.snmprec'), 0o644).catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

const names = (specs: Array<{ name: string; varbinds: Array<{ oid: string }> }>): Record<string, string[]> =>
  Object.fromEntries(specs.map((s) => [s.name, s.varbinds.map((vb) => vb.oid)]));

describe('loadSnmprecDir with warnings: imperfect recordings are served, as snmpsim serves them', () => {
  it('skips a bad line of one recording, names file and line, and loads every other record and file', async () => {
    await writeFile(join(dir, 'good.snmprec'), '1.3.6.1.2.1.1.5.0|4|good\n');
    await writeFile(join(dir, 'real.snmprec'), '1.3.6.1.2.1.1.1.0|4|A printer\n1.3.6.1.2.1.43.10.2.1.4.1.1|65|12,345\n1.3.6.1.2.1.1.5.0|4|real\n');
    const warnings: string[] = [];
    const specs = await loadSnmprecDir(dir, { onWarning: (message) => warnings.push(message) });
    expect(names(specs)).toEqual({ good: ['1.3.6.1.2.1.1.5.0'], real: ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.5.0'] });
    expect(warnings).toEqual(['real.snmprec:2: not an integer in 0..4294967295: "12,345"; line skipped']);
  });

  it.skipIf(process.getuid?.() === 0)('skips a recording that cannot be read at all, naming it', async () => {
    await writeFile(join(dir, 'good.snmprec'), '1.3.6.1.2.1.1.5.0|4|good\n');
    await writeFile(join(dir, 'locked.snmprec'), '1.3.6.1.2.1.1.5.0|4|locked\n');
    await chmod(join(dir, 'locked.snmprec'), 0o000);
    const warnings: string[] = [];
    const specs = await loadSnmprecDir(dir, { onWarning: (message) => warnings.push(message) });
    expect(names(specs)).toEqual({ good: ['1.3.6.1.2.1.1.5.0'] });
    expect(warnings).toEqual([expect.stringMatching(/^locked\.snmprec: cannot be read: EACCES.*; file skipped$/)]);
  });

  it('without warnings, still refuses the folder at the first bad line (tests and own profiles must be clean)', async () => {
    await writeFile(join(dir, 'real.snmprec'), '1.3.6.1.2.1.1.1.0|4|A printer\n1.3.6.1.2.1.1.3.0|67|x\n');
    await expect(loadSnmprecDir(dir)).rejects.toThrow('real.snmprec:2:');
  });
});
