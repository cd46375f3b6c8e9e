import type { UnreadableValue } from '../domain/device-reading';
import { SYSTEM_GROUP } from '../mib/mib2.oids';
import { PRT_ALERT_TABLE, PRT_GENERAL_TABLE, PRT_INPUT_TABLE, PRT_MARKER_SUPPLIES_TABLE } from '../mib/printer-mib.oids';
import type { MibSnapshot } from '../snmp/mib-snapshot';
import { isInSubtree } from '../snmp/oid';

/**
 * Values a device has but could not send (marked TooBig in the snapshot: too large for any
 * reply it can make), each with the place in the reading where it would have shown.
 */

const SCALARS: ReadonlyMap<string, string> = new Map([
  [SYSTEM_GROUP.sysDescr, 'identity.sysDescr'],
  [SYSTEM_GROUP.sysObjectID, 'identity.sysObjectID'],
  [SYSTEM_GROUP.sysUpTime, 'identity.uptimeSeconds'],
  [SYSTEM_GROUP.sysContact, 'identity.contact'],
  [SYSTEM_GROUP.sysName, 'identity.sysName'],
  [SYSTEM_GROUP.sysLocation, 'identity.location'],
]);

/** Table columns whose rows show in the reading; the row index (e.g. "1.2") names the row. */
const COLUMNS: ReadonlyArray<readonly [string, (row: string) => string]> = [
  [PRT_MARKER_SUPPLIES_TABLE.prtMarkerSuppliesDescription, (row) => `supplies[${row}].description`],
  [PRT_ALERT_TABLE.prtAlertDescription, (row) => `alerts[${row}].description`],
  [PRT_INPUT_TABLE.prtInputName, (row) => `trays[${row}].name`],
  [PRT_INPUT_TABLE.prtInputDescription, (row) => `trays[${row}].name`],
  [PRT_INPUT_TABLE.prtInputMediaName, (row) => `trays[${row}].media`],
  [PRT_GENERAL_TABLE.prtGeneralSerialNumber, () => 'identity.serial'],
];

/**
 * The snapshot's TooBig values in OID order. `fields` names instance OIDs beyond the standard
 * ones (a profile's model, serial, firmware and counters); an OID named nowhere is its own
 * field. Never throws.
 */
export function unreadableValues(snapshot: MibSnapshot, fields?: ReadonlyMap<string, string>): UnreadableValue[] {
  return snapshot.oidsOfType('TooBig').map((oid) => ({ field: fieldOf(oid, fields), oid, reason: 'too-large' }));
}

function fieldOf(oid: string, fields: ReadonlyMap<string, string> | undefined): string {
  const named = fields?.get(oid) ?? SCALARS.get(oid);
  if (named !== undefined) return named;
  for (const [column, field] of COLUMNS) {
    // A mark on the column itself: its rows could not be walked at all.
    if (oid === column) return field('*');
    if (isInSubtree(oid, column)) return field(oid.slice(column.length + 1));
  }
  return oid;
}
