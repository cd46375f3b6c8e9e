import { z } from 'zod';
import { DEVICE_STATES, PRINTER_CONDITIONS, type DeviceState, type LevelQuality, type PrinterCondition } from './device-reading';
import type { DeviceListRow, ListSupply } from './device-list-row';

/**
 * The compact wire form of the console's device list (devices.listRows). As JSON, 10,000
 * summaries are mostly the same keys and the same few texts over and over. Here only the
 * list's fields travel (DeviceListRow), each field is a column (one array, one entry per row),
 * the texts that repeat (model, location, message …) are sent once in `texts` with the columns
 * holding their index, and so is each kind of supply (`supplyKinds`: a device's cyan toner is
 * most others' cyan toner too), so that a supply is a kind and a percent. Texts that are
 * nearly always the device's own (name, address, serial, MAC) stay in their column.
 * Pure: the core encodes, the renderer decodes; decode(encode(rows)) gives the rows back.
 */

/** The form's version: a console that reads another one says so instead of misreading the list. */
export const DEVICE_ROWS_VERSION = 1;

/*
 * Columns are checked with one tight loop each (z.custom): element by element, zod's array
 * checks cost tens of milliseconds for the 200,000 values of a 10,000-device list.
 */
function isIndexColumn(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    if (typeof entry !== 'number' || !Number.isInteger(entry) || entry < 0) return false;
  }
  return true;
}
function isIntegerColumn(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    if (typeof entry !== 'number' || !Number.isInteger(entry)) return false;
  }
  return true;
}
function isNumberColumn(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    if (entry !== null && (typeof entry !== 'number' || !Number.isFinite(entry))) return false;
  }
  return true;
}
function isTextColumn(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    if (entry !== null && typeof entry !== 'string') return false;
  }
  return true;
}

/** Indexes into a table (`texts`, `conditionSets`, `supplyKinds`), one per row or supply. */
const indexColumn = z.custom<number[]>(isIndexColumn, 'expected an array of indexes (integers ≥ 0)');
const integerColumn = z.custom<number[]>(isIntegerColumn, 'expected an array of integers');
const numberColumn = z.custom<(number | null)[]>(isNumberColumn, 'expected an array of numbers or nulls');
const textColumn = z.custom<(string | null)[]>(isTextColumn, 'expected an array of texts or nulls');

export const deviceRowsSchema = z.object({
  version: z.literal(DEVICE_ROWS_VERSION),
  /** The repeated texts, each once; a column entry that points at a null here is a null field. */
  texts: textColumn,
  /** Every distinct list of printer conditions once. */
  conditionSets: z.array(z.array(z.enum(PRINTER_CONDITIONS))),
  /** Every distinct kind of supply once: all but its percent, each an index into `texts`. */
  supplyKinds: z.object({ index: indexColumn, type: indexColumn, class: indexColumn, color: indexColumn, description: indexColumn, quality: indexColumn }),
  // One entry per row:
  id: integerColumn,
  name: textColumn,
  sysName: textColumn,
  address: textColumn,
  port: integerColumn,
  serial: textColumn,
  mac: textColumn,
  /** Indexes into `texts`. */
  vendor: indexColumn,
  model: indexColumn,
  firmware: indexColumn,
  location: indexColumn,
  state: indexColumn,
  message: indexColumn,
  /** Indexes into `conditionSets`. */
  conditions: indexColumn,
  totalPages: numberColumn,
  lastSeen: numberColumn,
  /** The last read's error (indexes into `texts`): its code (null: no error) and its message. */
  errorCode: indexColumn,
  errorMessage: indexColumn,
  /** How many supplies each row has; `supplies` lists them row after row. */
  supplyCount: indexColumn,
  /** One entry per supply: its kind (an index into `supplyKinds`) and its percent. */
  supplies: z.object({ kind: indexColumn, percent: numberColumn }),
});
export type DeviceRows = z.infer<typeof deviceRowsSchema>;

type RowColumn = Exclude<keyof DeviceRows, 'version' | 'texts' | 'conditionSets' | 'supplyKinds' | 'supplies'>;
const ROW_COLUMNS = [
  'id', 'name', 'sysName', 'address', 'port', 'serial', 'mac', 'vendor', 'model', 'firmware', 'location',
  'state', 'message', 'conditions', 'totalPages', 'lastSeen', 'errorCode', 'errorMessage', 'supplyCount',
] as const satisfies readonly RowColumn[];
const KIND_COLUMNS = ['index', 'type', 'class', 'color', 'description', 'quality'] as const satisfies readonly (keyof DeviceRows['supplyKinds'])[];

/** A table of distinct values and the index of each (by `keyOf`), built as values come. */
function table<T, K>(values: T[], keyOf: (value: T) => K): (value: T) => number {
  const indexes = new Map<K, number>();
  values.forEach((value, i) => indexes.set(keyOf(value), i));
  return (value) => {
    const key = keyOf(value);
    let index = indexes.get(key);
    if (index === undefined) {
      index = values.length;
      values.push(value);
      indexes.set(key, index);
    }
    return index;
  };
}

/** Rows in the compact form, in the order given. Never throws. */
export function encodeDeviceRows(rows: readonly DeviceListRow[]): DeviceRows {
  const out: DeviceRows = {
    version: DEVICE_ROWS_VERSION,
    texts: [null],
    conditionSets: [],
    supplyKinds: { index: [], type: [], class: [], color: [], description: [], quality: [] },
    id: [],
    name: [],
    sysName: [],
    address: [],
    port: [],
    serial: [],
    mac: [],
    vendor: [],
    model: [],
    firmware: [],
    location: [],
    state: [],
    message: [],
    conditions: [],
    totalPages: [],
    lastSeen: [],
    errorCode: [],
    errorMessage: [],
    supplyCount: [],
    supplies: { kind: [], percent: [] },
  };
  // null is texts[0] (its own key: no text is it).
  const text = table<string | null, string | null>(out.texts, (value) => value);
  const conditionSet = table<PrinterCondition[], string>(out.conditionSets, (list) => list.join(','));
  const kinds = out.supplyKinds;
  const kindKeys: number[][] = [];
  const supplyKind = table<number[], string>(kindKeys, (key) => key.join(','));
  for (const row of rows) {
    const { identity } = row;
    out.id.push(row.id);
    out.name.push(row.name);
    out.sysName.push(identity.sysName);
    out.address.push(row.address);
    out.port.push(row.port);
    out.serial.push(identity.serial);
    out.mac.push(identity.mac);
    out.vendor.push(text(identity.vendor));
    out.model.push(text(identity.model));
    out.firmware.push(text(identity.firmware));
    out.location.push(text(identity.location));
    out.state.push(text(row.state));
    out.message.push(text(row.message));
    out.conditions.push(conditionSet(row.conditions));
    out.totalPages.push(row.totalPages);
    out.lastSeen.push(row.lastSeen);
    out.errorCode.push(text(row.lastError?.code ?? null));
    out.errorMessage.push(text(row.lastError?.message ?? null));
    out.supplyCount.push(row.supplies.length);
    for (const supply of row.supplies) {
      const key = [text(supply.index), text(supply.type), text(supply.class), text(supply.color), text(supply.description), text(supply.quality)];
      const before = kindKeys.length;
      const kind = supplyKind(key);
      if (kind === before) KIND_COLUMNS.forEach((column, i) => kinds[column].push(key[i] ?? 0));
      out.supplies.kind.push(kind);
      out.supplies.percent.push(supply.percent);
    }
  }
  return out;
}

/** A reply that is not the compact form this console reads (another version, a broken reply). */
export class DeviceRowsError extends Error {
  constructor(message: string) {
    super(`device list: ${message}`);
    this.name = 'DeviceRowsError';
  }
}

/**
 * Checks a devices.listRows reply against the schema, the column lengths and the version, and
 * returns it typed; throws DeviceRowsError saying what is wrong. The first half of
 * decodeDeviceRows, for a caller that decodes in parts (decodeDeviceRowRange).
 */
export function parseDeviceRows(value: unknown): DeviceRows {
  const version = typeof value === 'object' && value !== null ? (value as { version?: unknown }).version : undefined;
  if (version !== DEVICE_ROWS_VERSION) throw new DeviceRowsError(`the server sent version ${String(version)} of the list form; this console reads version ${DEVICE_ROWS_VERSION} (reload the page)`);
  const parsed = deviceRowsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DeviceRowsError(`malformed reply at ${issue?.path.map(String).join('.') ?? '?'}: ${issue?.message ?? 'unknown problem'}`);
  }
  const rows = parsed.data;
  const n = rows.id.length;
  for (const name of ROW_COLUMNS) if (rows[name].length !== n) throw new DeviceRowsError(`column ${name} has ${rows[name].length} entries for ${n} rows`);
  const kinds = rows.supplyKinds.index.length;
  for (const name of KIND_COLUMNS) if (rows.supplyKinds[name].length !== kinds) throw new DeviceRowsError(`supplyKinds.${name} has ${rows.supplyKinds[name].length} entries for ${kinds} kinds`);
  let supplies = 0;
  for (const count of rows.supplyCount) supplies += count;
  if (rows.supplies.kind.length !== supplies || rows.supplies.percent.length !== supplies) throw new DeviceRowsError(`the supply columns do not have one entry for each of the ${supplies} supplies`);
  return rows;
}

/** The rows of a devices.listRows reply, in the order sent; throws DeviceRowsError when it is not the form this console reads. */
export function decodeDeviceRows(value: unknown): DeviceListRow[] {
  const rows = parseDeviceRows(value);
  return decodeDeviceRowRange(rows, 0, rows.id.length);
}

const STATES: ReadonlySet<string> = new Set(DEVICE_STATES);
const CLASSES: ReadonlySet<string> = new Set(['consumed', 'receptacle', 'other'] satisfies NonNullable<ListSupply['class']>[]);
const QUALITIES: ReadonlySet<string> = new Set(['exact', 'coarse', 'unknown'] satisfies LevelQuality[]);

function textAt(texts: readonly (string | null)[], column: string, index: number | undefined): string | null {
  const value = index === undefined ? undefined : texts[index];
  if (value === undefined) throw new DeviceRowsError(`${column}: text ${String(index)} does not exist`);
  return value;
}

function required(column: string, value: string | null | undefined): string {
  if (value === null || value === undefined) throw new DeviceRowsError(`${column}: a row has none`);
  return value;
}

function oneOf<T extends string>(column: string, allowed: ReadonlySet<string>, value: string | null): T {
  if (value === null || !allowed.has(value)) throw new DeviceRowsError(`${column}: unknown value ${JSON.stringify(value)}`);
  return value as T;
}

/**
 * Rows `from` up to (not including) `to` of a checked reply (parseDeviceRows), so that a long
 * list can be decoded in parts between frames. Throws DeviceRowsError for an index out of range,
 * a missing required text, or an unknown state, supply class or quality.
 */
export function decodeDeviceRowRange(rows: DeviceRows, from: number, to: number): DeviceListRow[] {
  const { texts } = rows;
  const text = (column: string, index: number | undefined): string | null => textAt(texts, column, index);
  const kinds = decodeSupplyKinds(rows);
  // Where the first row's supplies start.
  let supply = 0;
  for (let i = 0; i < from; i++) supply += rows.supplyCount[i] ?? 0;
  const out = new Array<DeviceListRow>(Math.max(0, to - from));
  for (let i = from; i < to; i++) {
    const conditions = rows.conditionSets[rows.conditions[i] ?? -1];
    if (conditions === undefined) throw new DeviceRowsError(`conditions: set ${String(rows.conditions[i])} does not exist`);
    const count = rows.supplyCount[i] ?? 0;
    const supplies = new Array<ListSupply>(count);
    for (let k = 0; k < count; k++, supply++) {
      const kind = kinds[rows.supplies.kind[supply] ?? -1];
      if (kind === undefined) throw new DeviceRowsError(`supplies: kind ${String(rows.supplies.kind[supply])} does not exist`);
      supplies[k] = { ...kind, percent: rows.supplies.percent[supply] ?? null };
    }
    const errorCode = text('errorCode', rows.errorCode[i]);
    out[i - from] = {
      id: rows.id[i] ?? 0,
      name: rows.name[i] ?? null,
      address: required('address', rows.address[i]),
      port: rows.port[i] ?? 0,
      identity: {
        vendor: text('vendor', rows.vendor[i]),
        model: text('model', rows.model[i]),
        serial: rows.serial[i] ?? null,
        mac: rows.mac[i] ?? null,
        firmware: text('firmware', rows.firmware[i]),
        sysName: rows.sysName[i] ?? null,
        location: text('location', rows.location[i]),
      },
      state: oneOf<DeviceState>('state', STATES, text('state', rows.state[i])),
      message: required('message', text('message', rows.message[i])),
      // Rows with the same conditions share one array: the list reads it, never changes it.
      conditions,
      supplies,
      totalPages: rows.totalPages[i] ?? null,
      lastSeen: rows.lastSeen[i] ?? null,
      lastError: errorCode === null ? null : { code: errorCode, message: required('errorMessage', text('errorMessage', rows.errorMessage[i])) },
    };
  }
  return out;
}

type SupplyKind = Omit<ListSupply, 'percent'>;

function decodeSupplyKinds(rows: DeviceRows): SupplyKind[] {
  const { texts, supplyKinds: k } = rows;
  return k.index.map((index, i): SupplyKind => {
    const kind = textAt(texts, 'supplyKinds.class', k.class[i]);
    return {
      index: required('supplyKinds.index', textAt(texts, 'supplyKinds.index', index)),
      type: textAt(texts, 'supplyKinds.type', k.type[i]),
      class: kind === null ? null : oneOf<NonNullable<ListSupply['class']>>('supplyKinds.class', CLASSES, kind),
      color: textAt(texts, 'supplyKinds.color', k.color[i]),
      description: required('supplyKinds.description', textAt(texts, 'supplyKinds.description', k.description[i])),
      quality: oneOf<LevelQuality>('supplyKinds.quality', QUALITIES, textAt(texts, 'supplyKinds.quality', k.quality[i])),
    };
  });
}
