import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import { decodeSnapshot, encodeSnapshot } from '../../../src-shared/snmp/snapshot-codec';

/**
 * How a learned table layout is kept in the store: the snapshot codec's JSON, deflated. OIDs
 * repeat their long prefixes and bytes are hex, so this is 5–8× smaller than the text, which
 * keeps the database and the memory a full read of a large fleet holds until its one
 * transaction commits small.
 */
export function packSnapshot(snapshot: MibSnapshot): Uint8Array {
  // Copied out: zlib returns a view on its 16 kB output chunk, which would stay alive with it.
  return new Uint8Array(deflateRawSync(encodeSnapshot(snapshot), { level: 6 }));
}

/** Reads what packSnapshot stored (or the plain JSON text); throws SyntaxError when damaged. */
export function unpackSnapshot(stored: Uint8Array | string): MibSnapshot {
  if (typeof stored === 'string') return decodeSnapshot(stored);
  let text: string;
  try {
    text = inflateRawSync(stored).toString('utf8');
  } catch (error) {
    throw new SyntaxError(`snapshot: not a deflated snapshot (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  return decodeSnapshot(text);
}
