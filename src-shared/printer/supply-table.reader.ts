import type { SupplyReading, TrayReading } from '../domain/device-reading';
import { PRT_INPUT_TABLE, PRT_MARKER_COLORANT_TABLE, PRT_MARKER_SUPPLIES_TABLE } from '../mib/printer-mib.oids';
import { LayoutDerived, type MibSnapshot } from '../snmp/mib-snapshot';
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
  for (const column of columns) for (const oid of snapshot.oidsUnder(column)) seen.add(oid.slice(column.length + 1));
  return [...seen];
}

const S = PRT_MARKER_SUPPLIES_TABLE;

/** A supply row and the instance OIDs of its columns: the same for every device of a layout. */
interface SupplyRow {
  index: string;
  hrIndex: string;
  colorantIndex: string;
  class: string;
  type: string;
  description: string;
  unit: string;
  max: string;
  level: string;
}

const SUPPLY_ROWS = new LayoutDerived<readonly SupplyRow[]>((snapshot) =>
  rowIndexes(snapshot, [S.prtMarkerSuppliesLevel, S.prtMarkerSuppliesDescription]).map((index) => ({
    index,
    hrIndex: index.slice(0, index.indexOf('.')),
    colorantIndex: `${S.prtMarkerSuppliesColorantIndex}.${index}`,
    class: `${S.prtMarkerSuppliesClass}.${index}`,
    type: `${S.prtMarkerSuppliesType}.${index}`,
    description: `${S.prtMarkerSuppliesDescription}.${index}`,
    unit: `${S.prtMarkerSuppliesSupplyUnit}.${index}`,
    max: `${S.prtMarkerSuppliesMaxCapacity}.${index}`,
    level: `${S.prtMarkerSuppliesLevel}.${index}`,
  })),
);

function colorantOf(snapshot: MibSnapshot, row: SupplyRow): string | null {
  const colorant = asNumber(snapshot.get(row.colorantIndex));
  // 0 means "no colorant" (drums, fusers, waste boxes).
  if (colorant === null || colorant <= 0) return null;
  return snapshot.text(`${PRT_MARKER_COLORANT_TABLE.prtMarkerColorantValue}.${row.hrIndex}.${colorant}`);
}

/** Every prtMarkerSuppliesTable row as a SupplyReading (rows with a level or a description). Never throws. */
export function readSupplies(snapshot: MibSnapshot, quirks?: SupplyQuirks): SupplyReading[] {
  return snapshot.derived(SUPPLY_ROWS).map((row) => {
    const description = snapshot.text(row.description, NAME_TEXT);
    return normaliseSupply(
      {
        index: row.index,
        classCode: asNumber(snapshot.get(row.class)),
        typeCode: asNumber(snapshot.get(row.type)),
        description,
        // Asked only without a text: on a packed snapshot get() copies the value.
        descriptionTooLarge: description === null && isTooBig(snapshot.get(row.description)),
        unitCode: asNumber(snapshot.get(row.unit)),
        max: asNumber(snapshot.get(row.max)),
        level: asNumber(snapshot.get(row.level)),
        colorant: colorantOf(snapshot, row),
      },
      quirks,
    );
  });
}

const I = PRT_INPUT_TABLE;

/** An input row and the instance OIDs of its columns: the same for every device of a layout. */
interface TrayRow {
  index: string;
  type: string;
  max: string;
  level: string;
  mediaName: string;
  name: string;
  description: string;
}

const TRAY_ROWS = new LayoutDerived<readonly TrayRow[]>((snapshot) =>
  rowIndexes(snapshot, [I.prtInputCurrentLevel, I.prtInputMaxCapacity, I.prtInputName]).map((index) => ({
    index,
    type: `${I.prtInputType}.${index}`,
    max: `${I.prtInputMaxCapacity}.${index}`,
    level: `${I.prtInputCurrentLevel}.${index}`,
    mediaName: `${I.prtInputMediaName}.${index}`,
    name: `${I.prtInputName}.${index}`,
    description: `${I.prtInputDescription}.${index}`,
  })),
);

/** Every prtInputTable row as a TrayReading (rows with a level, capacity or name). Never throws. */
export function readTrays(snapshot: MibSnapshot): TrayReading[] {
  return snapshot.derived(TRAY_ROWS).map((row) => {
    const name = snapshot.text(row.name, NAME_TEXT);
    const description = snapshot.text(row.description, NAME_TEXT);
    return normaliseTray({
      index: row.index,
      typeCode: asNumber(snapshot.get(row.type)),
      max: asNumber(snapshot.get(row.max)),
      level: asNumber(snapshot.get(row.level)),
      mediaName: snapshot.text(row.mediaName, NAME_TEXT),
      name,
      description,
      nameTooLarge: (name === null && isTooBig(snapshot.get(row.name))) || (description === null && isTooBig(snapshot.get(row.description))),
    });
  });
}
