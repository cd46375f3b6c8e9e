import { MibSnapshot } from './mib-snapshot';
import type { SnmpType, SnmpValue, VarBind } from './snmp-value';

/**
 * Text form of a MibSnapshot, so the table layout a full read learned survives a restart:
 * a JSON array of [oid, type, value] with bytes as hex and Counter64 as a decimal string; a
 * snapshot with subtrees read in SNMP contexts of their own is {"values": [...], "contexts":
 * {root: name}} (older stored snapshots, plain arrays, read as before).
 */

type Encoded = [string, SnmpType, string | number | null];

const HEX = '0123456789abcdef';

function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b >> 4] + (HEX[b & 15] as string);
  return out;
}

function fromHex(hex: string, where: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(hex)) throw new SyntaxError(`snapshot: bad hex at ${where}`);
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

function encodeValue(value: SnmpValue): string | number | null {
  switch (value.type) {
    case 'OctetString':
    case 'Opaque':
      return toHex(value.value);
    case 'Counter64':
      return value.value.toString();
    default:
      return value.value;
  }
}

function decodeValue(type: SnmpType, raw: unknown, where: string): SnmpValue {
  switch (type) {
    case 'Integer':
    case 'Counter32':
    case 'Gauge32':
    case 'TimeTicks':
      if (typeof raw !== 'number') break;
      return { type, value: raw };
    case 'Counter64':
      if (typeof raw !== 'string' || !/^\d+$/.test(raw)) break;
      return { type, value: BigInt(raw) };
    case 'OctetString':
    case 'Opaque':
      if (typeof raw !== 'string') break;
      return { type, value: fromHex(raw, where) };
    case 'ObjectIdentifier':
    case 'IpAddress':
      if (typeof raw !== 'string') break;
      return { type, value: raw };
    case 'Null':
    case 'NoSuchObject':
    case 'NoSuchInstance':
    case 'EndOfMibView':
    case 'TooBig':
      return { type, value: null };
  }
  throw new SyntaxError(`snapshot: bad ${String(type)} value at ${where}`);
}

/** Serialises the snapshot; never throws. */
export function encodeSnapshot(snapshot: MibSnapshot): string {
  const rows: Encoded[] = snapshot.toVarBinds().map((vb) => [vb.oid, vb.value.type, encodeValue(vb.value)]);
  const contexts = snapshot.contexts();
  return JSON.stringify(contexts.size === 0 ? rows : { values: rows, contexts: Object.fromEntries(contexts) });
}

/** Parses what encodeSnapshot wrote; throws SyntaxError naming the bad entry. */
export function decodeSnapshot(text: string): MibSnapshot {
  const top: unknown = JSON.parse(text);
  const withContexts = typeof top === 'object' && top !== null && !Array.isArray(top) && 'values' in top ? top : null;
  const parsed: unknown = withContexts ? withContexts.values : top;
  if (!Array.isArray(parsed)) throw new SyntaxError('snapshot: not an array');
  const varbinds: VarBind[] = parsed.map((row: unknown, i): VarBind => {
    if (!Array.isArray(row) || row.length !== 3 || typeof row[0] !== 'string' || typeof row[1] !== 'string') {
      throw new SyntaxError(`snapshot: bad entry #${i}`);
    }
    return { oid: row[0], value: decodeValue(row[1] as SnmpType, row[2], `#${i} (${row[0]})`) };
  });
  const snapshot = new MibSnapshot(varbinds);
  const contexts: unknown = withContexts && 'contexts' in withContexts ? withContexts.contexts : {};
  if (typeof contexts !== 'object' || contexts === null) throw new SyntaxError('snapshot: bad contexts');
  for (const [root, context] of Object.entries(contexts)) {
    if (typeof context !== 'string') throw new SyntaxError(`snapshot: bad context of ${root}`);
    snapshot.setContext(root, context);
  }
  return snapshot;
}
