import type { MibSnapshot } from '../../../src-shared/snmp/mib-snapshot';
import type { VarBind } from '../../../src-shared/snmp/snmp-value';

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
    if (!changed && vb.oid !== SYS_UPTIME && !snapshot.holds(vb.oid, vb.value)) changed = true;
  }
  snapshot.set(values);
  if (alerts === null) return changed;
  // Same count and every fresh row already stored with the same value: the same table
  // (walks come back row by row, the snapshot lists column by column, so compare by OID).
  let alertsChanged = snapshot.oidsUnder(ALERT_TABLE).length !== alerts.length;
  for (let i = 0; !alertsChanged && i < alerts.length; i++) {
    const vb = alerts[i] as VarBind;
    alertsChanged = !snapshot.has(vb.oid) || !snapshot.holds(vb.oid, vb.value);
  }
  if (alertsChanged) {
    snapshot.removeSubtree(ALERT_TABLE);
    snapshot.set(alerts);
  }
  return changed || alertsChanged;
}
