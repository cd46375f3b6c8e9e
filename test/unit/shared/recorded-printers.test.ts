import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEVICE_STATES, type LevelQuality } from '../../../src-shared/domain/device-reading';
import { interpretStandard, type StandardInterpretation } from '../../../src-shared/printer/interpret-standard';
import type { SupplyQuirks } from '../../../src-shared/supplies/supply-quirks';
import { loadSnmprecSnapshot } from '../../helpers/snmprec-fixture';

/**
 * Conformance against real recordings (../shared/fixtures/printers): every recording is
 * interpreted, and supplies and trays are compared with LibreNMS's readings of the same data.
 * LibreNMS is a reference, not ground truth: where Printdeck decides differently the case is
 * listed in DIFFERENCES with the reason, and the test holds Printdeck to its own answer.
 */

const FIXTURES = resolve(__dirname, '../../../../shared/fixtures/printers');
const SNMPREC = join(FIXTURES, 'snmprec');
const EXPECTED = join(FIXTURES, 'expected');

/** Supply quirks as the vendor profiles (resources/profiles) give them to interpretStandard. */
const BROTHER: SupplyQuirks = { levelCodes: { '0': 100, '1': 5, '2': 0, '3': 1 } };
const RICOH: SupplyQuirks = { negativeLevels: { '-100': 5 } };
const QUIRKS: Record<string, SupplyQuirks> = { brother: BROTHER, brother_hl5370dw: BROTHER, ricoh_mpc3002: RICOH };

interface Difference {
  /** "supply" / "tray" rows LibreNMS has too; "extra" for rows only Printdeck reports. */
  kind: 'supply' | 'tray' | 'extra';
  percent: number | null;
  quality: LevelQuality;
  reason: string;
}

const SOME_LEFT = 'RFC 3805 -3 ("some remaining"): coarse without a number; LibreNMS invents 50 %';
const SHEET_LEFT = 'tray level -3 ("at least one sheet"): coarse without a number; LibreNMS invents 50 %';
const NOT_FULL = 'receptacle level -3 ("not full"): coarse without a number; LibreNMS invents 50 %';
const SENSOR = 'manual feed reporting only empty/full is a paper sensor: same 0 %, but coarse';
const NO_SCALE = 'capacity -2 and no percent unit: a bare number is not shown as a percentage; LibreNMS assumes a capacity of 100';

/** Key: "<recording>/<supply|tray>/<index>". */
const DIFFERENCES: Record<string, Difference> = {
  'brother/supply/1.1': { kind: 'supply', percent: null, quality: 'coarse', reason: SOME_LEFT },
  'brother/tray/1.1': { kind: 'tray', percent: null, quality: 'coarse', reason: SHEET_LEFT },
  'brother/tray/1.2': { kind: 'tray', percent: null, quality: 'coarse', reason: SHEET_LEFT },
  'brother/tray/1.3': { kind: 'tray', percent: null, quality: 'coarse', reason: SHEET_LEFT },
  'brother_hl5370dw/supply/1.1': {
    kind: 'extra',
    percent: 100,
    quality: 'coarse',
    reason: 'Brother status code 0 (ok) in the level column, mapped by the Brother quirk; LibreNMS files this toner under a private OID',
  },
  'brother_hl5370dw/supply/1.2': { kind: 'supply', percent: null, quality: 'coarse', reason: SOME_LEFT },
  'brother_hl5370dw/tray/1.1': { kind: 'tray', percent: 0, quality: 'coarse', reason: SENSOR },
  'brother_hl5370dw/tray/1.2': { kind: 'tray', percent: null, quality: 'coarse', reason: SHEET_LEFT },
  'dell-laser_s5830dn/tray/1.2': { kind: 'tray', percent: null, quality: 'coarse', reason: SHEET_LEFT },
  'dell-laser_s5830dn/tray/1.3': { kind: 'tray', percent: null, quality: 'coarse', reason: SHEET_LEFT },
  'dell-laser_s5830dn/tray/1.4': { kind: 'tray', percent: 0, quality: 'coarse', reason: SENSOR },
  'fujifilmprinter_c7580/supply/1.5': { kind: 'supply', percent: null, quality: 'coarse', reason: NOT_FULL },
  'fujifilmprinter_c7580/tray/1.1': { kind: 'extra', percent: 75, quality: 'exact', reason: 'LibreNMS did not discover this input table; Printdeck reads it' },
  'fujifilmprinter_c7580/tray/1.2': { kind: 'extra', percent: 75, quality: 'exact', reason: 'LibreNMS did not discover this input table; Printdeck reads it' },
  'fujifilmprinter_c7580/tray/1.3': { kind: 'extra', percent: 75, quality: 'exact', reason: 'LibreNMS did not discover this input table; Printdeck reads it' },
  'fujifilmprinter_c7580/tray/1.4': { kind: 'extra', percent: 50, quality: 'exact', reason: 'LibreNMS did not discover this input table; Printdeck reads it' },
  'fujifilmprinter_c7580/tray/1.5': { kind: 'extra', percent: 0, quality: 'exact', reason: 'LibreNMS did not discover this input table; Printdeck reads it' },
  'jetdirect_m130nw/tray/1.1': { kind: 'tray', percent: null, quality: 'coarse', reason: SHEET_LEFT },
  'jetdirect_m252dw/tray/1.1': { kind: 'extra', percent: null, quality: 'unknown', reason: 'level -2 (unknown): listed as unknown; LibreNMS drops the tray' },
  'jetdirect_m252dw/tray/1.2': { kind: 'tray', percent: null, quality: 'coarse', reason: SHEET_LEFT },
  'konica/supply/1.13': { kind: 'supply', percent: null, quality: 'coarse', reason: NOT_FULL },
  'konica_2/tray/1.1': { kind: 'tray', percent: null, quality: 'coarse', reason: SHEET_LEFT },
  'konica_2/tray/1.2': { kind: 'tray', percent: 0, quality: 'coarse', reason: SENSOR },
  'ricoh_mpc3002/supply/1.2': {
    kind: 'supply',
    percent: 0,
    quality: 'exact',
    reason: 'receptacle: RFC 3805 gives remaining space (100 of 100 free), Printdeck reports the share filled (0 %); LibreNMS shows the raw share',
  },
  'ricoh_mpc3002/tray/1.5': { kind: 'tray', percent: 0, quality: 'coarse', reason: SENSOR },
  'sharp_mxm266nv/supply/1.2': { kind: 'supply', percent: null, quality: 'unknown', reason: `waste receptacle, ${NO_SCALE}` },
  'sharp_mxm266nv/supply/1.3': { kind: 'supply', percent: null, quality: 'unknown', reason: NO_SCALE },
  'sharp_mxm266nv/supply/1.4': { kind: 'supply', percent: null, quality: 'unknown', reason: NO_SCALE },
  'sharp_mxm266nv/supply/1.5': { kind: 'extra', percent: null, quality: 'unknown', reason: 'level -2 (unknown): listed as unknown; LibreNMS drops the supply' },
  'sharp_mxm266nv/tray/1.1': { kind: 'tray', percent: 0, quality: 'coarse', reason: SENSOR },
  'sharp_mxm266nv/tray/1.2': { kind: 'tray', percent: null, quality: 'coarse', reason: SHEET_LEFT },
  'sharp_mxm266nv/tray/1.4': { kind: 'extra', percent: null, quality: 'unknown', reason: 'level and capacity -2: listed as unknown; LibreNMS drops the tray' },
  'utax/supply/1.2': { kind: 'supply', percent: null, quality: 'coarse', reason: NOT_FULL },
};

interface LibreNmsSupply {
  supply_oid: string;
  supply_descr: string;
  supply_current: number;
}

const SUPPLY_LEVEL = '.1.3.6.1.2.1.43.11.1.1.9.';
const TRAY_LEVEL = '.1.3.6.1.2.1.43.8.2.1.10.';

function libreNmsRows(name: string): LibreNmsSupply[] {
  const json: unknown = JSON.parse(readFileSync(join(EXPECTED, `${name}.json`), 'utf8'));
  const rows = (json as { 'printer-supplies'?: { discovery?: { printer_supplies?: LibreNmsSupply[] } } })['printer-supplies']?.discovery?.printer_supplies;
  return rows ?? [];
}

function interpret(name: string): StandardInterpretation {
  return interpretStandard(loadSnmprecSnapshot(join(SNMPREC, `${name}.snmprec`)), QUIRKS[name]);
}

const recordings = existsSync(SNMPREC) ? readdirSync(SNMPREC).filter((f) => f.endsWith('.snmprec')).map((f) => f.slice(0, -'.snmprec'.length)) : [];
const compared = existsSync(EXPECTED) ? readdirSync(EXPECTED).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)) : [];

describe.skipIf(recordings.length === 0)('recorded devices (../shared/fixtures/printers)', () => {
  it.each(recordings)('%s: interprets to plain, consistent JSON', (name) => {
    const result = interpret(name);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(DEVICE_STATES).toContain(result.status.state);
    expect(result.status.message).not.toBe('');
    for (const reading of [...result.supplies, ...result.trays]) {
      if (reading.percent !== null) expect(reading.percent).toBeGreaterThanOrEqual(0);
      if (reading.percent !== null) expect(reading.percent).toBeLessThanOrEqual(100);
      if (reading.quality === 'unknown') expect(reading.percent).toBeNull();
    }
  });

  it('tells the Epson scanner from a printer', () => {
    expect(interpret('epson-scanner_ds-860').isPrinter).toBe(false);
    expect(interpret('zebra').isPrinter).toBe(true);
    expect(interpret('fujifilmprinter_c7580').isPrinter).toBe(true);
  });

  it.each(compared)('%s: supplies and trays agree with LibreNMS or differ as documented', (name) => {
    const result = interpret(name);
    const seen = new Set<string>();
    for (const row of libreNmsRows(name)) {
      const kind = row.supply_oid.startsWith(SUPPLY_LEVEL) ? 'supply' : row.supply_oid.startsWith(TRAY_LEVEL) ? 'tray' : null;
      if (kind === null) continue; // vendor-MIB rows are the profiles' business
      const index = row.supply_oid.slice(SUPPLY_LEVEL.length);
      const key = `${name}/${kind}/${index}`;
      seen.add(key);
      const ours = kind === 'supply' ? result.supplies.find((s) => s.index === index) : result.trays.find((t) => t.index === index);
      expect(ours, key).toBeDefined();
      if (!ours) continue;
      expect('description' in ours ? ours.description : ours.name, key).toBe(row.supply_descr);
      const difference = DIFFERENCES[key];
      if (difference) {
        expect({ kind, percent: ours.percent, quality: ours.quality }, `${key}: ${difference.reason}`).toEqual({
          kind: difference.kind,
          percent: difference.percent,
          quality: difference.quality,
        });
        continue;
      }
      expect({ quality: ours.quality, near: Math.abs((ours.percent ?? -100) - row.supply_current) <= 1 }, `${key}: ours ${ours.percent}, LibreNMS ${row.supply_current}`).toEqual({
        quality: 'exact',
        near: true,
      });
    }
    const extras = [...result.supplies.map((s) => `${name}/supply/${s.index}`), ...result.trays.map((t) => `${name}/tray/${t.index}`)].filter((key) => !seen.has(key));
    for (const key of extras) {
      const difference = DIFFERENCES[key];
      expect(difference?.kind, `${key} is reported by Printdeck only and not listed in DIFFERENCES`).toBe('extra');
      if (!difference) continue;
      const [, kind, index] = key.split('/');
      const ours = kind === 'supply' ? result.supplies.find((s) => s.index === index) : result.trays.find((t) => t.index === index);
      expect({ percent: ours?.percent, quality: ours?.quality }, `${key}: ${difference.reason}`).toEqual({ percent: difference.percent, quality: difference.quality });
    }
  });

  it('lists no difference that no recording shows any more', () => {
    const keys = new Set<string>();
    for (const name of compared) {
      const result = interpret(name);
      for (const row of libreNmsRows(name)) {
        if (row.supply_oid.startsWith(SUPPLY_LEVEL)) keys.add(`${name}/supply/${row.supply_oid.slice(SUPPLY_LEVEL.length)}`);
        if (row.supply_oid.startsWith(TRAY_LEVEL)) keys.add(`${name}/tray/${row.supply_oid.slice(TRAY_LEVEL.length)}`);
      }
      for (const s of result.supplies) keys.add(`${name}/supply/${s.index}`);
      for (const t of result.trays) keys.add(`${name}/tray/${t.index}`);
    }
    expect(Object.keys(DIFFERENCES).filter((key) => !keys.has(key))).toEqual([]);
  });
});
