import { writeFile } from 'node:fs/promises';
import type { SnmpValue, VarBind } from '../../src-shared/snmp/snmp-value';
import { compareOids } from '../../src-shared/snmp/oid';

/**
 * Writes varbinds in snmpsim's `OID|TAG|VALUE` format, sorted by OID, so that
 * snmprec-parser.ts (and snmpsim itself) read back exactly the same values.
 */

/** The snmprec text of `varbinds`; throws RangeError for exception values, which have no tag. */
export function formatSnmprec(varbinds: readonly VarBind[]): string {
  const sorted = [...varbinds].sort((a, b) => compareOids(a.oid, b.oid));
  return sorted.map((vb) => `${vb.oid}|${formatValue(vb.oid, vb.value)}\n`).join('');
}

/** Writes `varbinds` to `path` as snmprec; rejects like fs.writeFile or formatSnmprec. */
export async function writeSnmprecFile(path: string, varbinds: readonly VarBind[]): Promise<void> {
  await writeFile(path, formatSnmprec(varbinds), 'utf8');
}

function formatValue(oid: string, value: SnmpValue): string {
  switch (value.type) {
    case 'Integer':
      return `2|${value.value}`;
    case 'OctetString':
      return isPlainText(value.value) ? `4|${Buffer.from(value.value).toString('latin1')}` : `4x|${Buffer.from(value.value).toString('hex')}`;
    case 'Opaque':
      return `68x|${Buffer.from(value.value).toString('hex')}`;
    case 'Null':
      return '5|';
    case 'ObjectIdentifier':
      return `6|${value.value}`;
    case 'IpAddress':
      return `64|${value.value}`;
    case 'Counter32':
      return `65|${value.value}`;
    case 'Gauge32':
      return `66|${value.value}`;
    case 'TimeTicks':
      return `67|${value.value}`;
    case 'Counter64':
      return `70|${value.value}`;
    case 'NoSuchObject':
    case 'NoSuchInstance':
    case 'EndOfMibView':
    case 'TooBig':
      throw new RangeError(`${oid}: ${value.type} cannot be recorded in snmprec`);
  }
}

/** Printable ASCII without surrounding spaces survives the text form; anything else goes as hex. */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.length > 0 && (bytes[0] === 0x20 || bytes[bytes.length - 1] === 0x20)) return false;
  for (const b of bytes) if (b < 0x20 || b > 0x7e) return false;
  return true;
}
