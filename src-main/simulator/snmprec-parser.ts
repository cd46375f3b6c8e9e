import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { SnmpValue, VarBind } from '../../src-shared/snmp/snmp-value';
import { compareOids } from '../../src-shared/snmp/oid';
import { ipToBytes } from '../../src-shared/snmp/ber/ber-value-codec';

/**
 * snmpsim's recording format: one `OID|TAG|VALUE` per line (see the fixtures README). Blank
 * lines and `#` comments are skipped, a leading dot on the OID and a byte-order mark are
 * accepted, duplicates keep the last value, and the result is sorted in OID order whatever the
 * input order. Real recordings sometimes hold a line that cannot be read (a counter whose value
 * is not a number); snmpsim serves such files, and so do we when asked to (`onBadLine`).
 */

/** A line that cannot be read: the file is rejected, or with `onBadLine` the line is skipped and reported. */
export class SnmprecParseError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'SnmprecParseError';
  }
}

const MAX_U32 = 0xffffffff;
const MAX_U64 = (1n << 64n) - 1n;

export interface SnmprecParseOptions {
  /** Given: a bad line is skipped and reported here, and the rest of the file is used. Absent: the first bad line throws. */
  onBadLine?: (error: SnmprecParseError) => void;
}

/** Parses snmprec text; throws SnmprecParseError naming `file` and the first bad line, unless `onBadLine` takes it. */
export function parseSnmprec(text: string, file = '<snmprec>', options: SnmprecParseOptions = {}): VarBind[] {
  const byOid = new Map<string, SnmpValue>();
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    try {
      const record = parseLine((lines[i] as string).replace(/\r$/, ''), file, i + 1);
      if (record) byOid.set(record.oid, record.value);
    } catch (error) {
      if (!(error instanceof SnmprecParseError) || !options.onBadLine) throw error;
      options.onBadLine(error);
    }
  }
  return [...byOid.keys()].sort(compareOids).map((oid) => ({ oid, value: byOid.get(oid) as SnmpValue }));
}

/** One line's record, or null for a blank line or comment; throws SnmprecParseError. */
function parseLine(line: string, file: string, number: number): VarBind | null {
  if (line.trim() === '' || line.trimStart().startsWith('#')) return null;
  const first = line.indexOf('|');
  const second = first < 0 ? -1 : line.indexOf('|', first + 1);
  if (second < 0) throw new SnmprecParseError(file, number, `expected OID|TAG|VALUE, found "${clip(line)}"`);
  const oidText = line.slice(0, first).trim();
  const oid = oidText.startsWith('.') ? oidText.slice(1) : oidText;
  if (!/^\d+(\.\d+)+$/.test(oid)) throw new SnmprecParseError(file, number, `not a numeric OID: "${clip(oidText)}"`);
  const tag = line.slice(first + 1, second).trim();
  try {
    return { oid, value: parseValue(tag, line.slice(second + 1)) };
  } catch (error) {
    throw new SnmprecParseError(file, number, error instanceof Error ? error.message : String(error));
  }
}

/** Reads and parses one file; rejects with SnmprecParseError (unless `onBadLine` takes it) or the fs error. */
export async function readSnmprecFile(path: string, options: SnmprecParseOptions = {}): Promise<VarBind[]> {
  return parseSnmprec(await readFile(path, 'utf8'), basename(path), options);
}

function parseValue(tag: string, raw: string): SnmpValue {
  switch (tag) {
    case '2':
      return { type: 'Integer', value: integer(raw, -0x80000000, 0x7fffffff) };
    case '4':
      return { type: 'OctetString', value: new Uint8Array(Buffer.from(raw, 'utf8')) };
    case '4x':
      return { type: 'OctetString', value: hex(raw) };
    case '5':
      return { type: 'Null', value: null };
    case '6': {
      const oid = raw.trim().replace(/^\./, '');
      if (!/^\d+(\.\d+)*$/.test(oid)) throw new RangeError(`not a numeric OID value: "${clip(raw)}"`);
      return { type: 'ObjectIdentifier', value: oid };
    }
    case '64':
      ipToBytes(raw.trim());
      return { type: 'IpAddress', value: raw.trim() };
    case '64x': {
      const bytes = hex(raw);
      if (bytes.length !== 4) throw new RangeError(`IpAddress needs 4 bytes, found ${bytes.length}`);
      return { type: 'IpAddress', value: Array.from(bytes).join('.') };
    }
    case '65':
      return { type: 'Counter32', value: integer(raw, 0, MAX_U32) };
    case '66':
      return { type: 'Gauge32', value: integer(raw, 0, MAX_U32) };
    case '67':
      return { type: 'TimeTicks', value: integer(raw, 0, MAX_U32) };
    case '68':
      return { type: 'Opaque', value: new Uint8Array(Buffer.from(raw, 'utf8')) };
    case '68x':
      return { type: 'Opaque', value: hex(raw) };
    case '70': {
      const text = raw.trim();
      if (!/^\d+$/.test(text) || BigInt(text) > MAX_U64) throw new RangeError(`not a Counter64: "${clip(raw)}"`);
      return { type: 'Counter64', value: BigInt(text) };
    }
    default:
      throw new RangeError(`unknown tag "${clip(tag)}" (expected 2, 4, 4x, 5, 6, 64, 64x, 65, 66, 67, 68, 68x or 70)`);
  }
}

function integer(raw: string, low: number, high: number): number {
  const text = raw.trim();
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || n < low || n > high) throw new RangeError(`not an integer in ${low}..${high}: "${clip(raw)}"`);
  return n;
}

function hex(raw: string): Uint8Array {
  const text = raw.trim();
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) throw new RangeError(`not hex bytes: "${clip(raw)}"`);
  return new Uint8Array(Buffer.from(text, 'hex'));
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
