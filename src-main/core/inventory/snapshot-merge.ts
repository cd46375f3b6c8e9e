import type { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import type { SnmpValue, VarBind } from '../../../src-shared/snmp/snmp-value';

export const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';
/** Root of prtAlertTable: replaced as a whole when it changed, since rows come and go. */
export const ALERT_TABLE = '1.3.6.1.2.1.43.18.1.1';

/**
 * Stores a routine poll's values in the snapshot and says whether anything but the uptime
 * changed. `alerts` is the fresh walk of the alert table, or null when it was not walked.
 */
export function mergeChanges(snapshot: MibSnapshot, values: readonly VarBind[], alerts: readonly VarBind[] | null): boolean {
  let changed = false;
  for (const vb of values) {
    if (!changed && vb.oid !== SYS_UPTIME && !sameValue(snapshot.get(vb.oid), vb.value)) changed = true;
  }
  snapshot.set(detached(values));
  if (alerts === null) return changed;
  // Same count and every fresh row already stored with the same value: the same table
  // (walks come back row by row, the snapshot lists column by column, so compare by OID).
  let alertsChanged = snapshot.oidsUnder(ALERT_TABLE).length !== alerts.length;
  for (let i = 0; !alertsChanged && i < alerts.length; i++) {
    const vb = alerts[i] as VarBind;
    alertsChanged = !snapshot.has(vb.oid) || !sameValue(snapshot.get(vb.oid), vb.value);
  }
  if (alertsChanged) {
    snapshot.removeSubtree(ALERT_TABLE);
    snapshot.set(detached(alerts));
  }
  return changed || alertsChanged;
}

/** Equality of two SNMP values (bytes compared by content); undefined equals only exceptions. */
export function sameValue(a: SnmpValue | undefined, b: SnmpValue): boolean {
  if (a === undefined) return b.value === null;
  if (a.type !== b.type) return false;
  if (a.value instanceof Uint8Array && b.value instanceof Uint8Array) {
    if (a.value.length !== b.value.length) return false;
    for (let i = 0; i < a.value.length; i++) if (a.value[i] !== b.value[i]) return false;
    return true;
  }
  return a.value === b.value;
}

/**
 * Varbinds whose byte values no longer point into the reply datagram: a decoded OCTET STRING
 * is a view on the whole received packet, and keeping it in a snapshot would keep the packet.
 */
export function detached(varbinds: readonly VarBind[]): VarBind[] {
  return varbinds.map((vb) => {
    const v = vb.value;
    if ((v.type === 'OctetString' || v.type === 'Opaque') && v.value.byteLength < v.value.buffer.byteLength) {
      return { oid: vb.oid, value: { type: v.type, value: new Uint8Array(v.value) } };
    }
    return vb;
  });
}
