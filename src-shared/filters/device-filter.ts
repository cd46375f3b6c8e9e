import { z } from 'zod';
import { deviceStateSchema, type DeviceSummary } from '../domain/device.schemas';

/**
 * What a person filters the device list by: several text fields, each a case-insensitive
 * partial match, all of which must hold; plus quick filters. Saved filters and smart groups
 * store this object. Pure: the renderer filters 10,000 rows with it on every keystroke and
 * the core resolves smart groups with it.
 */

export const FILTER_FIELDS = ['name', 'address', 'vendor', 'model', 'serial', 'mac', 'location', 'message'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

/** A supply at or below this percentage counts as low for the "toner low" quick filter. */
export const LOW_SUPPLY_PERCENT = 10;

export const deviceFilterSchema = z.object({
  /** Field → text; empty texts are ignored. */
  fields: z.partialRecord(z.enum(FILTER_FIELDS), z.string().max(200)).default({}),
  /** Quick filter by state (errors, warnings, offline …); empty means any state. */
  states: z.array(deviceStateSchema).default([]),
  /** Quick filter: some toner/ink (consumed marker supply) at or below LOW_SUPPLY_PERCENT. */
  tonerLow: z.boolean().default(false),
  /** Devices never read or not answering (shown greyed out). */
  unreachable: z.boolean().default(false),
});
export type DeviceFilter = z.infer<typeof deviceFilterSchema>;

export const EMPTY_FILTER: DeviceFilter = { fields: {}, states: [], tonerLow: false, unreachable: false };

type Supply = DeviceSummary['supplies'][number];

/**
 * What the filter reads of a device: a DeviceSummary (the core's smart groups) and a console
 * list row (domain/device-list-row) both are one.
 */
export interface FilterableDevice {
  name: string | null;
  address: string;
  port: number;
  identity: Pick<DeviceSummary['identity'], 'sysName' | 'vendor' | 'model' | 'serial' | 'mac' | 'location'>;
  state: DeviceSummary['state'];
  message: string;
  supplies: readonly Pick<Supply, 'type' | 'class' | 'percent'>[];
  lastSeen: number | null;
  lastError: DeviceSummary['lastError'];
}

function fieldText(device: FilterableDevice, field: FilterField): string {
  switch (field) {
    case 'name':
      return device.name ?? device.identity.sysName ?? '';
    case 'address':
      return device.port === 161 ? device.address : `${device.address}:${device.port}`;
    case 'vendor':
      return device.identity.vendor ?? '';
    case 'model':
      return device.identity.model ?? '';
    case 'serial':
      return device.identity.serial ?? '';
    case 'mac':
      return device.identity.mac ?? '';
    case 'location':
      return device.identity.location ?? '';
    case 'message':
      return device.message;
  }
}

const MARKER_TYPES = new Set(['toner', 'ink', 'inkCartridge', 'tonerCartridge', 'solidWax', 'ribbonWax']);

/** True for toner, ink or wax that is used up (not a waste receptacle): what the list shows as level bars. */
export function isMarkerSupply(supply: Pick<Supply, 'type' | 'class'>): boolean {
  return supply.class !== 'receptacle' && (supply.type === null || MARKER_TYPES.has(supply.type));
}

/** True when a device has a consumed marker supply at or below LOW_SUPPLY_PERCENT. */
export function hasLowToner(device: Pick<FilterableDevice, 'supplies'>): boolean {
  return device.supplies.some((s) => isMarkerSupply(s) && s.percent !== null && s.percent <= LOW_SUPPLY_PERCENT);
}

/** Never read, or the last attempt failed: the list greys such rows out. */
export function isUnreachable(device: Pick<FilterableDevice, 'lastSeen' | 'lastError'>): boolean {
  return device.lastSeen === null || device.lastError !== null;
}

/**
 * A predicate for `filter`, prepared once (lower-cased needles) so that filtering 10,000
 * devices is a tight loop. Never throws.
 */
export function compileFilter(filter: DeviceFilter): (device: FilterableDevice) => boolean {
  const needles = FILTER_FIELDS.flatMap((field) => {
    const text = filter.fields[field]?.trim().toLowerCase();
    return text ? [{ field, text }] : [];
  });
  const states = filter.states.length > 0 ? new Set(filter.states) : null;
  return (device) => {
    if (states && !states.has(device.state)) return false;
    if (filter.tonerLow && !hasLowToner(device)) return false;
    if (filter.unreachable && !isUnreachable(device)) return false;
    for (const { field, text } of needles) if (!fieldText(device, field).toLowerCase().includes(text)) return false;
    return true;
  };
}
