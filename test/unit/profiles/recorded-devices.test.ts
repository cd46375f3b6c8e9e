import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProfiles } from '../../../src-main/core/profiles/profile-loader';
import type { DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';
import { matchProfile } from '../../../src-shared/profiles/profile-matcher';
import { applyProfile, type ProfileReading } from '../../../src-shared/profiles/profile-reader';
import { cleanText, valueText } from '../../../src-shared/profiles/value-text';
import { asOid } from '../../../src-shared/snmp/snmp-value';
import { loadSnmprecSnapshot } from '../../helpers/snmprec-fixture';

/**
 * Conformance against real recordings (../shared/fixtures/printers, see its README): every
 * recording is identified, and where LibreNMS's results exist we compare with them and say
 * why Printdeck differs where it does.
 */

const FIXTURES = resolve(__dirname, '../../../../shared/fixtures/printers');
const PROFILES_DIR = resolve(__dirname, '../../../resources/profiles');
const haveFixtures = existsSync(join(FIXTURES, 'snmprec'));

interface Detection {
  profile: string;
  vendor: string;
  /** null: the recording has nothing to find a model in; undefined: truncated stub, not asserted. */
  model?: string | null;
}

/** Every recording → the profile and identity Printdeck must derive from it. */
const DETECTIONS: Record<string, Detection> = {
  brother: { profile: 'brother', vendor: 'Brother', model: 'MFC-L2710DW' },
  brother_hl5370dw: { profile: 'brother', vendor: 'Brother', model: 'HL-5370DW' },
  canonprinter_d1180: { profile: 'canon', vendor: 'Canon', model: 'D1180/MF6680' },
  'canonprinter_ir-adv': { profile: 'canon', vendor: 'Canon', model: 'iR-ADV C5235' },
  canonprinter_lbp: { profile: 'canon', vendor: 'Canon', model: 'LBP6670' },
  canonprinter_mf: { profile: 'canon', vendor: 'Canon' }, // sysDescr truncated to "Canon MF"
  'dell-laser': { profile: 'dell', vendor: 'Dell', model: 'B3460dn' },
  'dell-laser_color': { profile: 'dell', vendor: 'Dell' }, // sysDescr truncated to "Dell Color Laser"
  'dell-laser_mfp': { profile: 'dell', vendor: 'Dell', model: 'MFP Laser 3115cn' },
  'dell-laser_s5830dn': { profile: 'dell', vendor: 'Dell', model: 'S5830dn' },
  developprinter: { profile: 'konica-minolta', vendor: 'Develop', model: 'ineo 280' },
  'epson-scanner_ds-860': { profile: 'epson', vendor: 'Epson', model: 'DS-860' },
  fujifilmprinter_c7580: { profile: 'fujifilm', vendor: 'Fujifilm', model: 'Apeos C7580' },
  gestetner: { profile: 'ricoh', vendor: 'Gestetner', model: 'MPC2500/DSc525' },
  jetdirect: { profile: 'hp', vendor: 'HP', model: 'Color LaserJet M452nw' },
  // LibreNMS says "jetdirect" from the HP-style sysDescr; the agent's sysObjectID is Kyocera's
  // enterprise (1347.41) and the longest-prefix rule trusts the agent's own claim.
  jetdirect_1: { profile: 'kyocera', vendor: 'Kyocera', model: null },
  jetdirect_2: { profile: 'hp', vendor: 'HP', model: null }, // sysObjectID only
  jetdirect_m130nw: { profile: 'hp', vendor: 'HP', model: 'LaserJet MFP M130nw' },
  jetdirect_m252dw: { profile: 'hp', vendor: 'HP', model: 'Color LaserJet Pro M252dw' },
  konica: { profile: 'konica-minolta', vendor: 'Konica Minolta', model: 'Develop ineo+ 280' },
  konica_2: { profile: 'konica-minolta', vendor: 'Konica Minolta', model: 'bizhub 25e' },
  kyocera: { profile: 'kyocera', vendor: 'Kyocera', model: 'FS-1028MFP' },
  lanier: { profile: 'ricoh', vendor: 'Lanier', model: 'MP C3501/LD635C' },
  lexmarkprinter: { profile: 'lexmark', vendor: 'Lexmark', model: 'T640' },
  nrg: { profile: 'ricoh', vendor: 'NRG', model: 'SP 4210N' },
  okilan: { profile: 'oki', vendor: 'OKI', model: 'MC342' },
  ricoh: { profile: 'ricoh', vendor: 'Ricoh', model: 'MP 3053' },
  ricoh_aficio: { profile: 'ricoh', vendor: 'Ricoh', model: 'Aficio MP 201' },
  ricoh_mpc3002: { profile: 'ricoh', vendor: 'Ricoh', model: 'Aficio MP C3002' },
  samsungprinter_c: { profile: 'samsung', vendor: 'Samsung' }, // "Samsung C": truncated
  samsungprinter_clx: { profile: 'samsung', vendor: 'Samsung', model: 'CLX-3170' },
  samsungprinter_ml: { profile: 'samsung', vendor: 'Samsung', model: 'ML-2850' },
  samsungprinter_s: { profile: 'samsung', vendor: 'Samsung' }, // truncated
  samsungprinter_scx: { profile: 'samsung', vendor: 'Samsung' }, // truncated
  savin_c4503: { profile: 'ricoh', vendor: 'Savin', model: 'MP C4503' },
  sharp_mx2614n: { profile: 'sharp', vendor: 'Sharp', model: 'MX-2614N' },
  sharp_mx3140n: { profile: 'sharp', vendor: 'Sharp', model: 'MX-3140N' },
  sharp_mxc301w: { profile: 'sharp', vendor: 'Sharp', model: 'MX-C301W' },
  sharp_mxm266nv: { profile: 'sharp', vendor: 'Sharp', model: 'MX-M266NV' },
  'toshiba-tec_estudio2505': { profile: 'toshiba', vendor: 'Toshiba', model: 'e-STUDIO2505AC' },
  // A Lexmark engine sold by Toshiba: Lexmark's sysObjectID, Toshiba's name.
  'toshiba-tec_estudio305': { profile: 'lexmark', vendor: 'Toshiba', model: 'e-STUDIO305CS' },
  'toshiba-tec_ev4': { profile: 'toshiba', vendor: 'Toshiba', model: 'B-EV4' },
  'toshiba-tec_fv4': { profile: 'toshiba', vendor: 'Toshiba', model: 'B-FV4' },
  'toshiba-tec_sx5t': { profile: 'toshiba', vendor: 'Toshiba', model: 'B-SX5T' },
  tsc: { profile: 'tsc', vendor: 'TSC', model: 'TTP244CE' },
  utax: { profile: 'kyocera', vendor: 'UTAX', model: 'P-4532DN' },
  xerox_color: { profile: 'xerox', vendor: 'Xerox', model: 'Color 570' },
  xerox_docuprint: { profile: 'fujifilm', vendor: 'Fuji Xerox', model: 'DocuPrint CM305 df' },
  xerox_phaser: { profile: 'xerox', vendor: 'Xerox', model: 'Phaser 4600' },
  xerox_workcentre: { profile: 'xerox', vendor: 'Xerox', model: 'WorkCentre 6605DN' },
  zebra: { profile: 'zebra', vendor: 'Zebra', model: 'TLP 2824 Plus' },
  zebra_1: { profile: 'zebra', vendor: 'Zebra', model: null },
};

/** LibreNMS `os` → the vendor Printdeck shows for the same device. */
const VENDOR_OF_OS: Record<string, string> = {
  brother: 'Brother',
  canonprinter: 'Canon',
  'dell-laser': 'Dell',
  'epson-scanner': 'Epson',
  fujifilmprinter: 'Fujifilm',
  jetdirect: 'HP',
  konica: 'Konica Minolta',
  ricoh: 'Ricoh',
  sharp: 'Sharp',
  utax: 'UTAX',
  zebra: 'Zebra',
};

type Field = 'model' | 'serial' | 'firmware';
/** A deliberate difference from LibreNMS: what Printdeck reports and why. */
type Deviation = { ours: string | null; why: string };
const LIBRENMS_FIELD: Record<Field, 'hardware' | 'serial' | 'version'> = { model: 'hardware', serial: 'serial', firmware: 'version' };

const VENDOR_NAME_IN_MODEL = 'LibreNMS repeats the maker in hardware; Printdeck reports the vendor in its own field';
const SERIAL_FROM_SYSDESCR = 'LibreNMS reads only prtGeneralSerialNumber (absent here); Printdeck also reads the "SN:" field of the JetDirect sysDescr';

const DEVIATIONS: Record<string, Partial<Record<Field, Deviation>>> = {
  brother: {},
  brother_hl5370dw: { model: { ours: 'HL-5370DW', why: 'LibreNMS keeps the MAC address the Brother model OID appends ("[001ba90ba752]"); Printdeck reports the model only' } },
  canonprinter_lbp: {},
  'dell-laser_s5830dn': { model: { ours: 'S5830dn', why: VENDOR_NAME_IN_MODEL } },
  'epson-scanner_ds-860': {},
  fujifilmprinter_c7580: {},
  jetdirect: { serial: { ours: 'AAA0A00000', why: SERIAL_FROM_SYSDESCR } },
  jetdirect_m130nw: {
    model: { ours: 'LaserJet MFP M130nw', why: 'LibreNMS takes the driver family from the IEEE 1284 device ID (MDL: M129-M134); Printdeck prefers hrDeviceDescr, the exact model' },
  },
  jetdirect_m252dw: { serial: { ours: 'VNB3J99999', why: SERIAL_FROM_SYSDESCR } },
  konica: {},
  konica_2: { model: { ours: 'bizhub 25e', why: 'LibreNMS reads only the Konica model OID (absent here); Printdeck falls back to sysDescr' } },
  ricoh_mpc3002: {},
  sharp_mxm266nv: { model: { ours: 'MX-M266NV', why: VENDOR_NAME_IN_MODEL } },
  utax: { firmware: { ours: '2TP_S000.003.402', why: "LibreNMS's utax OS reads no version; the Kyocera firmware OID 1347.43.5.4.1.5.1.1 has it" } },
  zebra: {
    model: { ours: 'TLP 2824 Plus', why: 'LibreNMS reports the ZebraNet print server product number (ESI genProductNumber "79071"); Printdeck reports the printer model (ZEBRA-QL-MIB)' },
    serial: { ours: '37J162600538', why: "LibreNMS reports the print server's serial (ESI genSerialNumber); Printdeck reports the printer's" },
  },
};

interface LibreNmsDevice {
  os: string;
  hardware: string | null;
  serial: string | null;
  version: string | null;
}
interface LibreNmsSensor {
  sensor_class: string;
  sensor_oid: string;
  sensor_current: number;
}

function expectedJson(name: string): { device: LibreNmsDevice; sensors: LibreNmsSensor[] } {
  const json = JSON.parse(readFileSync(join(FIXTURES, 'expected', `${name}.json`), 'utf8')) as {
    os: { discovery: { devices: LibreNmsDevice[] } };
    sensors?: { discovery?: { sensors?: LibreNmsSensor[] } };
  };
  const device = json.os.discovery.devices[0];
  if (!device) throw new Error(`${name}.json has no device`);
  return { device, sensors: json.sensors?.discovery?.sensors ?? [] };
}

let profiles: DeviceProfile[] = [];

function read(name: string): { profile: DeviceProfile | null; reading: ProfileReading | null } {
  const snapshot = loadSnmprecSnapshot(name);
  const sysObjectID = asOid(snapshot.get('1.3.6.1.2.1.1.2.0'));
  const sysDescr = cleanText(valueText(snapshot.get('1.3.6.1.2.1.1.1.0')));
  const profile = matchProfile(profiles, { sysObjectID, sysDescr });
  if (!profile) return { profile: null, reading: null };
  const standardSerial = cleanText(valueText(snapshot.get('1.3.6.1.2.1.43.5.1.1.17.1')));
  return { profile, reading: applyProfile(profile, snapshot, standardSerial) };
}

describe.skipIf(!haveFixtures)('recorded devices (../shared/fixtures/printers)', () => {
  beforeAll(async () => {
    profiles = await loadProfiles(PROFILES_DIR);
  });

  it('the detection table covers every recording in the folder', () => {
    const recordings = readdirSync(join(FIXTURES, 'snmprec'))
      .filter((f) => f.endsWith('.snmprec'))
      .map((f) => f.replace(/\.snmprec$/, ''))
      .sort();
    expect(Object.keys(DETECTIONS).sort()).toEqual(recordings);
  });

  it.each(Object.entries(DETECTIONS))('%s is identified', (name, expected) => {
    const { profile, reading } = read(name);
    const actual = { profile: profile?.id, vendor: reading?.vendor, ...(expected.model === undefined ? {} : { model: reading?.model }) };
    expect(actual).toEqual(expected);
  });

  const withExpected = haveFixtures ? readdirSync(join(FIXTURES, 'expected')).map((f) => f.replace(/\.json$/, '')).sort() : [];

  it('every LibreNMS result has a comparison entry', () => {
    expect(Object.keys(DEVIATIONS).sort()).toEqual(withExpected);
  });

  it.each(withExpected)('%s: vendor, model, serial and firmware agree with LibreNMS except where we say why', (name) => {
    const { device } = expectedJson(name);
    const { reading } = read(name);
    const deviations = DEVIATIONS[name] ?? {};
    expect(reading?.vendor).toBe(VENDOR_OF_OS[device.os]);
    for (const field of ['model', 'serial', 'firmware'] as const) {
      const deviation = deviations[field];
      const theirs = device[LIBRENMS_FIELD[field]];
      if (deviation) {
        expect(theirs, `${name}.${field}: LibreNMS value equals ours, drop the deviation`).not.toBe(deviation.ours);
        expect(reading?.[field], `${name}.${field} (${deviation.why})`).toBe(deviation.ours);
      } else {
        expect(reading?.[field], `${name}.${field}`).toBe(theirs);
      }
    }
  });

  it.each(['sharp_mxm266nv', 'jetdirect_m130nw', 'zebra'])('%s: vendor counters equal the values LibreNMS read from the same OIDs', (name) => {
    const { sensors } = expectedJson(name);
    const { profile, reading } = read(name);
    const vendorCounters = sensors.filter((s) => s.sensor_class === 'count' && s.sensor_oid.startsWith('.1.3.6.1.4.1.'));
    expect(vendorCounters.length).toBeGreaterThan(0);
    for (const sensor of vendorCounters) {
      const oid = sensor.sensor_oid.slice(1);
      const counter = profile?.counters?.find((c) => c.oid === oid);
      expect(counter, `${name}: the profile reads ${oid}`).toBeDefined();
      expect(reading?.counters.find((c) => c.name === counter?.name)?.value, `${name}: ${counter?.name} (${oid})`).toBe(sensor.sensor_current);
    }
  });
});
