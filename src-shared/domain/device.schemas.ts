import { z } from 'zod';
import {
  DEVICE_STATES,
  PRINTER_CONDITIONS,
  type AlertReading,
  type CounterReading,
  type DeviceIdentity,
  type SupplyReading,
  type TrayReading,
} from './device-reading';

/**
 * zod schemas of what the contract carries about devices. The reading parts mirror the
 * interfaces of device-reading.ts (a compile-time check below keeps them in step).
 */

const text = z.string();
const nullableText = z.string().nullable();
const quality = z.enum(['exact', 'coarse', 'unknown']);

export const identitySchema = z.object({
  vendor: nullableText,
  model: nullableText,
  serial: nullableText,
  mac: nullableText,
  firmware: nullableText,
  sysName: nullableText,
  sysDescr: nullableText,
  sysObjectID: nullableText,
  location: nullableText,
  contact: nullableText,
  uptimeSeconds: z.number().nullable(),
});

export const supplySchema = z.object({
  index: text,
  type: nullableText,
  class: z.enum(['consumed', 'receptacle', 'other']).nullable(),
  color: nullableText,
  description: text,
  level: z.number().nullable(),
  max: z.number().nullable(),
  unit: nullableText,
  percent: z.number().nullable(),
  quality,
});

export const supplySummarySchema = supplySchema.pick({ index: true, type: true, class: true, color: true, description: true, percent: true, quality: true });

export const traySchema = z.object({
  index: text,
  name: text,
  type: nullableText,
  media: nullableText,
  level: z.number().nullable(),
  max: z.number().nullable(),
  percent: z.number().nullable(),
  quality,
});

export const counterSchema = z.object({ name: text, unit: text, value: z.number() });

export const alertSchema = z.object({
  severity: text,
  group: nullableText,
  code: nullableText,
  description: text,
  location: nullableText,
});

export const readErrorSchema = z.object({ code: text, message: text });

export const deviceStateSchema = z.enum(DEVICE_STATES);
export const conditionSchema = z.enum(PRINTER_CONDITIONS);

/** One row of the device list. */
export const deviceSummarySchema = z.object({
  id: z.number().int(),
  name: nullableText,
  address: text,
  port: z.number().int(),
  source: z.enum(['added', 'imported', 'discovered']),
  identity: identitySchema,
  state: deviceStateSchema,
  message: text,
  conditions: z.array(conditionSchema),
  supplies: z.array(supplySummarySchema),
  totalPages: z.number().nullable(),
  firstSeen: z.number(),
  lastSeen: z.number().nullable(),
  lastAttempt: z.number().nullable(),
  lastError: readErrorSchema.nullable(),
  profileId: nullableText,
  /** Failed reads in a row (0 while it answers); monitoring shows it "not reachable" after its set number. */
  missedPolls: z.number().int(),
  /** When the current run of failed reads began; null while it answers. */
  missingSince: z.number().nullable(),
  /**
   * Another address that answered with this device's serial and MAC while the device still
   * answered at its own (a cloned configuration, a swapped board): the row stays here and says
   * so; null when none. Cleared when that address answers as something else.
   */
  identityConflict: z.object({ address: text, port: z.number().int(), seenAt: z.number() }).nullable(),
});
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;

/** One device with everything its last good reading said. */
export const deviceDetailSchema = deviceSummarySchema.extend({
  supplies: z.array(supplySchema),
  trays: z.array(traySchema),
  counters: z.array(counterSchema),
  alerts: z.array(alertSchema.extend({ firstSeen: z.number() })),
  pastAddresses: z.array(z.object({ address: text, port: z.number().int(), firstSeen: z.number(), lastSeen: z.number() })),
});
export type DeviceDetail = z.infer<typeof deviceDetailSchema>;

/** History of one device for charts. */
export const deviceHistorySchema = z.object({
  status: z.array(z.object({ at: z.number(), state: deviceStateSchema, message: text, conditions: z.array(conditionSchema) })),
  supplies: z.array(z.object({ index: text, at: z.number(), percent: z.number().nullable(), level: z.number().nullable() })),
  counters: z.array(z.object({ name: text, at: z.number(), value: z.number() })),
});
export type DeviceHistoryData = z.infer<typeof deviceHistorySchema>;

// Compile-time: the schemas describe the same shapes as the reading interfaces.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameShapes: [
  Same<z.infer<typeof identitySchema>, DeviceIdentity>,
  Same<z.infer<typeof supplySchema>, SupplyReading>,
  Same<z.infer<typeof traySchema>, TrayReading>,
  Same<z.infer<typeof counterSchema>, CounterReading>,
  Same<z.infer<typeof alertSchema>, AlertReading>,
] = [true, true, true, true, true];
void sameShapes;
