import { TOO_BIG_VALUE, type VarBind } from '../../../src-shared/snmp/snmp-value';
import { SnmpError } from './snmp-client';

/**
 * An agent answers tooBig when its reply would not fit its largest message (often one Ethernet
 * frame). Asking for fewer values at a time gets everything that fits; a value too large for
 * any reply on its own is marked TooBig rather than failing every other value with it.
 */

/** One GET PDU (v1 with its noSuchName repair); rejects with SnmpError. */
export type GetPdu = (oids: readonly string[]) => Promise<VarBind[]>;

/** True for the agent's tooBig error-status. */
export function isTooBigError(error: unknown): boolean {
  return error instanceof SnmpError && error.detail?.errorStatus === 'tooBig';
}

/**
 * GET of `oids`; on tooBig the request is split in halves (each half split again as needed),
 * and an OID that is tooBig alone comes back as TooBig. At most 2·n − 1 requests for n OIDs,
 * in the order given. Rejects with any other SnmpError.
 */
export async function getSplittingTooBig(get: GetPdu, oids: readonly string[]): Promise<VarBind[]> {
  try {
    return await get(oids);
  } catch (error) {
    if (!isTooBigError(error)) throw error;
    if (oids.length === 1) return [{ oid: oids[0] as string, value: TOO_BIG_VALUE }];
    const half = Math.ceil(oids.length / 2);
    const first = await getSplittingTooBig(get, oids.slice(0, half));
    const second = await getSplittingTooBig(get, oids.slice(half));
    return [...first, ...second];
  }
}
