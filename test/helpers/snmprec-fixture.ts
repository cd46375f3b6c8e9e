import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { MibSnapshot } from '../../src-shared/snmp/mib-snapshot';
import { normaliseOid } from '../../src-shared/snmp/oid';
import type { SnmpValue, VarBind } from '../../src-shared/snmp/snmp-value';

/** Real-device recordings shared by all engineers (never copied into the project). */
const SNMPREC_DIR = resolve(__dirname, '../../../shared/fixtures/printers/snmprec');

function hexBytes(hex: string, where: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) throw new SyntaxError(`${where}: bad hex value`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function integer(text: string, where: string): number {
  if (!/^-?\d+$/.test(text)) throw new SyntaxError(`${where}: not an integer: "${text}"`);
  return Number(text);
}

/** One snmprec value (TAG as snmpsim writes it: BER type number, "x" suffix for hex). */
function decodeValue(tag: string, raw: string, where: string): SnmpValue {
  switch (tag) {
    case '2':
      return { type: 'Integer', value: integer(raw, where) };
    case '4':
      return { type: 'OctetString', value: new TextEncoder().encode(raw) };
    case '4x':
      return { type: 'OctetString', value: hexBytes(raw, where) };
    case '5':
      return { type: 'Null', value: null };
    case '6':
      return { type: 'ObjectIdentifier', value: normaliseOid(raw) };
    case '64':
      return { type: 'IpAddress', value: raw };
    case '64x':
      return { type: 'IpAddress', value: [...hexBytes(raw, where)].join('.') };
    case '65':
      return { type: 'Counter32', value: integer(raw, where) };
    case '66':
      return { type: 'Gauge32', value: integer(raw, where) };
    case '67':
      return { type: 'TimeTicks', value: integer(raw, where) };
    case '70':
      if (!/^\d+$/.test(raw)) throw new SyntaxError(`${where}: not a Counter64: "${raw}"`);
      return { type: 'Counter64', value: BigInt(raw) };
    default:
      throw new SyntaxError(`${where}: unsupported snmprec tag "${tag}"`);
  }
}

/**
 * A recording as a MibSnapshot. `file` is a path, or a recording name ("sharp_mxm266nv" or
 * "sharp_mxm266nv.snmprec") in ../shared/fixtures/printers/snmprec. Throws (ENOENT, SyntaxError
 * naming the line) when the file is missing or malformed.
 */
export function loadSnmprecSnapshot(file: string): MibSnapshot {
  const path = isAbsolute(file) || file.includes('/') ? file : join(SNMPREC_DIR, file.endsWith('.snmprec') ? file : `${file}.snmprec`);
  const varbinds: VarBind[] = [];
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      const where = `${path}:${i + 1}`;
      const first = line.indexOf('|');
      const second = first < 0 ? -1 : line.indexOf('|', first + 1);
      if (second < 0) throw new SyntaxError(`${where}: expected OID|TAG|VALUE`);
      const oid = normaliseOid(line.slice(0, first));
      varbinds.push({ oid, value: decodeValue(line.slice(first + 1, second), line.slice(second + 1), where) });
    });
  return new MibSnapshot(varbinds);
}
