import { describe, expect, it } from 'vitest';
import { buildDemoFleet, loadDemoProfiles } from '../../../src-main/simulator/demo-fleet';
import { MibCompiler } from '../../../src-main/simulator/mib-store';
import { PRINTER_OIDS } from '../../../src-main/simulator/printer-state-editor';
import type { SnmpValue, VarBind } from '../../../src-shared/snmp/snmp-value';

const value = (varbinds: VarBind[], oid: string): SnmpValue | undefined => varbinds.find((vb) => vb.oid === oid)?.value;
const text = (v: SnmpValue | undefined): string => (v?.type === 'OctetString' ? Buffer.from(v.value).toString('utf8') : '');
const under = (varbinds: VarBind[], prefix: string): VarBind[] => varbinds.filter((vb) => vb.oid.startsWith(`${prefix}.`));

describe('demo profiles (resources/simulator)', () => {
  const profiles = loadDemoProfiles();

  it('cover the six vendors under their IANA enterprise numbers', () => {
    const enterprises = profiles.map((p) => {
      const id = value(p.varbinds, '1.3.6.1.2.1.1.2.0');
      return id?.type === 'ObjectIdentifier' ? Number(id.value.split('.')[6]) : null;
    });
    expect(enterprises.sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([11, 367, 1248, 1347, 1602, 2435]);
  });

  it.each(loadDemoProfiles().map((p) => [p.name, p.varbinds] as const))('%s is a full Printer-MIB device', (_name, varbinds) => {
    for (const oid of ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.3.0', '1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.25.3.2.1.5.1', '1.3.6.1.2.1.25.3.5.1.2.1', `${PRINTER_OIDS.prtGeneralSerialNumber}.1`]) {
      expect(value(varbinds, oid), oid).toBeDefined();
    }
    expect(under(varbinds, PRINTER_OIDS.ifPhysAddress).some((vb) => vb.value.type === 'OctetString' && vb.value.value.length === 6)).toBe(true);
    expect(under(varbinds, '1.3.6.1.2.1.43.8.2.1.10').length).toBeGreaterThanOrEqual(2);
    expect(under(varbinds, '1.3.6.1.2.1.43.10.2.1.4').length).toBe(1);
    const supplies = under(varbinds, PRINTER_OIDS.prtMarkerSuppliesLevel).length;
    const colorants = under(varbinds, '1.3.6.1.2.1.43.12.1.1.4').length;
    expect(supplies).toBeGreaterThanOrEqual(colorants);
    expect(colorants === 1 || colorants === 4).toBe(true);
    expect(under(varbinds, PRINTER_OIDS.prtAlertEntry)).toEqual([]);
  });

  it('include an inkjet with four inks', () => {
    const inkjet = profiles.filter((p) => under(p.varbinds, '1.3.6.1.2.1.43.11.1.1.5').filter((vb) => vb.value.type === 'Integer' && vb.value.value === 6).length === 4);
    expect(inkjet.map((p) => p.name)).toEqual(['epson-inkjet']);
  });
});

describe('buildDemoFleet', () => {
  const fleet = buildDemoFleet(400, 11);

  it('is the same fleet for the same seed and a different one for another', () => {
    expect(buildDemoFleet(400, 11)).toEqual(fleet);
    expect(buildDemoFleet(400, 12).map((d) => d.name)).not.toEqual(fleet.map((d) => d.name));
  });

  it('gives every device a unique name, serial and MAC', () => {
    const serials = fleet.map((d) => text(value(d.varbinds, `${PRINTER_OIDS.prtGeneralSerialNumber}.1`)));
    const macs = fleet.map((d) => {
      const mac = under(d.varbinds, PRINTER_OIDS.ifPhysAddress).find((vb) => vb.value.type === 'OctetString' && vb.value.value.length === 6)?.value;
      return mac?.type === 'OctetString' ? Buffer.from(mac.value).toString('hex') : '';
    });
    expect(new Set(fleet.map((d) => d.name)).size).toBe(400);
    expect(new Set(serials).size).toBe(400);
    expect(new Set(macs).size).toBe(400);
  });

  it('mixes all profiles with healthy, low-toner, jammed, door-open, paper-out and silent devices', () => {
    const errorBits = (d: (typeof fleet)[number]): number[] => {
      const v = value(d.varbinds, `${PRINTER_OIDS.hrPrinterDetectedErrorState}.1`);
      return v?.type === 'OctetString' ? Array.from(v.value) : [];
    };
    const count = (bits: number[]): number => fleet.filter((d) => errorBits(d).join() === bits.join()).length;
    expect(new Set(fleet.map((d) => d.name.replace(/-\d+$/, ''))).size).toBe(6);
    expect(count([0, 0])).toBeGreaterThan(200);
    expect(count([0x20, 0])).toBeGreaterThan(20); // lowToner
    expect(count([0x04, 0])).toBeGreaterThan(5); // jammed
    expect(count([0x08, 0])).toBeGreaterThan(3); // doorOpen
    expect(count([0x40, 0x04])).toBeGreaterThan(3); // noPaper + inputTrayEmpty
    expect(fleet.filter((d) => d.faults?.silent).length).toBeGreaterThan(3);
  });

  it('explains every error with an alert row and a matching device status', () => {
    for (const device of fleet) {
      const bits = value(device.varbinds, `${PRINTER_OIDS.hrPrinterDetectedErrorState}.1`);
      const inError = bits?.type === 'OctetString' && bits.value.some((b) => b !== 0);
      const alerts = under(device.varbinds, `${PRINTER_OIDS.prtAlertEntry}.7`);
      expect(alerts.length, device.name).toBe(inError ? 1 : 0);
      if (!inError) continue;
      const store = new MibCompiler().compile(device.varbinds);
      const status = store.get(`${PRINTER_OIDS.hrDeviceStatus}.1`);
      expect(status?.type === 'Integer' && [3, 5].includes(status.value), device.name).toBe(true);
    }
  });
});

describe('what demo printers let a manager change (<name>.device.json)', () => {
  const profiles = loadDemoProfiles();
  const profile = (name: string) => profiles.find((p) => p.name === name) ?? expect.fail(`no demo profile ${name}`);
  const writableOids = (name: string): string[] => {
    const writable = profile(name).options?.writable;
    return Array.isArray(writable) ? writable.map((w) => w.oid) : [];
  };
  const SYS = ['1.3.6.1.2.1.1.5.0', '1.3.6.1.2.1.1.6.0', '1.3.6.1.2.1.1.4.0'];
  const OPERATOR = '1.3.6.1.2.1.43.5.1.1.4.1';
  const SERVICE_PERSON = '1.3.6.1.2.1.43.5.1.1.5.1';
  const RESET = '1.3.6.1.2.1.43.5.1.1.3.1';
  const CHANNEL_TYPE = '1.3.6.1.2.1.43.14.1.1.2';
  const CHANNEL_STATE = '1.3.6.1.2.1.43.14.1.1.6';

  it.each(profiles.map((p) => [p.name, p] as const))('%s: every writable object and its address object are in the recording', (_name, p) => {
    expect(p.options, 'sidecar').toBeDefined();
    const writable = p.options?.writable;
    expect(Array.isArray(writable)).toBe(true);
    for (const w of Array.isArray(writable) ? writable : []) expect(value(p.varbinds, w.oid), w.oid).toBeDefined();
    if (p.options?.addressChange) expect(value(p.varbinds, p.options.addressChange.addressOid)).toBeDefined();
    // LPD, port 9100 and IPP channels, whether or not their state is writable.
    expect(under(p.varbinds, CHANNEL_TYPE).map((vb) => vb.value)).toEqual([8, 11, 44].map((n) => ({ type: 'Integer', value: n })));
    expect(value(p.varbinds, RESET)).toEqual({ type: 'Integer', value: 3 });
  });

  it('give each vendor its own item set and write community', () => {
    expect(profile('hp-color-laser').options?.writeCommunities).toEqual(['internal']);
    expect(writableOids('hp-color-laser')).toEqual(expect.arrayContaining([...SYS, RESET, '1.3.6.1.4.1.11.2.4.3.5.1.0', '1.3.6.1.4.1.11.2.4.3.5.2.0', '1.3.6.1.4.1.11.2.4.3.7.22.0', '1.3.6.1.4.1.11.2.4.3.7.24.0', '1.3.6.1.4.1.11.2.4.3.5.18.0']));
    expect(value(profile('hp-color-laser').varbinds, OPERATOR)).toBeUndefined();
    expect(writableOids('hp-color-laser').some((oid) => oid.startsWith(`${CHANNEL_STATE}.`))).toBe(false);

    expect(profile('brother-mono-mfp').options?.writeCommunities).toBeUndefined(); // the default, "private"
    expect(writableOids('brother-mono-mfp')).toEqual(
      expect.arrayContaining([...SYS, OPERATOR, SERVICE_PERSON, `${CHANNEL_STATE}.1.1`, `${CHANNEL_STATE}.1.2`, `${CHANNEL_STATE}.1.3`, '1.3.6.1.4.1.2435.2.4.3.99.1.7.0', '1.3.6.1.4.1.2435.2.4.3.99.1.8.0', '1.3.6.1.4.1.2435.2.4.3.1240.5.2.6.0', '1.3.6.1.4.1.2435.2.4.3.1240.5.2.3.0']),
    );
    expect(writableOids('kyocera-mono')).toEqual(SYS);
    expect(writableOids('canon-color-mfp')).toEqual(expect.arrayContaining(SYS.slice(1)));
    expect(writableOids('canon-color-mfp')).not.toContain(SYS[0]);
    expect(profile('ricoh-mfp').options?.writeCommunities).toEqual(['admin']);
    expect(writableOids('ricoh-mfp')).toEqual(expect.arrayContaining([...SYS, `${CHANNEL_STATE}.1.1`, `${CHANNEL_STATE}.1.2`, `${CHANNEL_STATE}.1.3`]));
    expect(writableOids('epson-inkjet')).toEqual([]);
  });

  it('carry the options into every device, sharing one writable list per profile', () => {
    const fleet = buildDemoFleet(60, 5);
    const hp = fleet.filter((d) => d.name.startsWith('hp-color-laser-'));
    expect(hp.length).toBeGreaterThan(2);
    for (const d of hp) {
      expect(d.writeCommunities).toEqual(['internal']);
      expect(d.writable).toBe(hp[0]?.writable);
      expect(d.writable).toEqual(profile('hp-color-laser').options?.writable);
      expect(d.addressChange?.addressOid).toBe('1.3.6.1.4.1.11.2.4.3.5.2.0');
    }
  });
});
