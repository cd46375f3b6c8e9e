import type { SupplyReading, TrayReading } from '../domain/device-reading';
import { PRT_INPUT_TABLE, PRT_MARKER_COLORANT_TABLE, PRT_MARKER_SUPPLIES_TABLE } from '../mib/printer-mib.oids';
import type { MibSnapshot } from '../snmp/mib-snapshot';
import type { SnmpTextOptions } from '../snmp/snmp-text';
import { asNumber, isTooBig } from '../snmp/snmp-value';
import { normaliseSupply } from '../supplies/supply-normaliser';
import type { SupplyQuirks } from '../supplies/supply-quirks';
import { normaliseTray } from '../supplies/tray-normaliser';

/** Names and descriptions may arrive as their hex digits; identity fields never do. */
const NAME_TEXT: SnmpTextOptions = { unhexDigits: true };

/** Row indexes present in any of `columns`, in the order first seen (OID order within a column). */
function rowIndexes(snapshot: MibSnapshot, columns: readonly string[]): string[] {
  const seen = new Set<string>();
  for (const column of columns) for (const row of snapshot.column(column)) seen.add(row.index);
  return [...seen];
}

const S = PRT_MARKER_SUPPLIES_TABLE;

function colorantOf(snapshot: MibSnapshot, index: string): string | null {
  const colorant = asNumber(snapshot.get(`${S.prtMarkerSuppliesColorantIndex}.${index}`));
  // 0 means "no colorant" (drums, fusers, waste boxes).
  if (colorant === null || colorant <= 0) return null;
  const hrIndex = index.slice(0, index.indexOf('.'));
  return snapshot.text(`${PRT_MARKER_COLORANT_TABLE.prtMarkerColorantValue}.${hrIndex}.${colorant}`);
}

/** Every prtMarkerSuppliesTable row as a SupplyReading (rows with a level or a description). Never throws. */
export function readSupplies(snapshot: MibSnapshot, quirks?: SupplyQuirks): SupplyReading[] {
  return rowIndexes(snapshot, [S.prtMarkerSuppliesLevel, S.prtMarkerSuppliesDescription]).map((index) =>
    normaliseSupply(
      {
        index,
        classCode: asNumber(snapshot.get(`${S.prtMarkerSuppliesClass}.${index}`)),
        typeCode: asNumber(snapshot.get(`${S.prtMarkerSuppliesType}.${index}`)),
        description: snapshot.text(`${S.prtMarkerSuppliesDescription}.${index}`, NAME_TEXT),
        descriptionTooLarge: isTooBig(snapshot.get(`${S.prtMarkerSuppliesDescription}.${index}`)),
        unitCode: asNumber(snapshot.get(`${S.prtMarkerSuppliesSupplyUnit}.${index}`)),
        max: asNumber(snapshot.get(`${S.prtMarkerSuppliesMaxCapacity}.${index}`)),
        level: asNumber(snapshot.get(`${S.prtMarkerSuppliesLevel}.${index}`)),
        colorant: colorantOf(snapshot, index),
      },
      quirks,
    ),
  );
}

const I = PRT_INPUT_TABLE;

/** Every prtInputTable row as a TrayReading (rows with a level, capacity or name). Never throws. */
export function readTrays(snapshot: MibSnapshot): TrayReading[] {
  return rowIndexes(snapshot, [I.prtInputCurrentLevel, I.prtInputMaxCapacity, I.prtInputName]).map((index) =>
    normaliseTray({
      index,
      typeCode: asNumber(snapshot.get(`${I.prtInputType}.${index}`)),
      max: asNumber(snapshot.get(`${I.prtInputMaxCapacity}.${index}`)),
      level: asNumber(snapshot.get(`${I.prtInputCurrentLevel}.${index}`)),
      mediaName: snapshot.text(`${I.prtInputMediaName}.${index}`, NAME_TEXT),
      name: snapshot.text(`${I.prtInputName}.${index}`, NAME_TEXT),
      description: snapshot.text(`${I.prtInputDescription}.${index}`, NAME_TEXT),
      nameTooLarge: isTooBig(snapshot.get(`${I.prtInputName}.${index}`)) || isTooBig(snapshot.get(`${I.prtInputDescription}.${index}`)),
    }),
  );
}
