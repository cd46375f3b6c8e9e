import { z } from 'zod';
import { PRINTER_CONDITIONS } from '../domain/device-reading';
import { change, view } from '../auth/access';
import { method } from '../rpc/contract-builder';
import { mailAddressSchema } from './mail.contract';

/**
 * Monitoring: how often devices are polled, when one counts as not reachable, the SNMP trap
 * listener, monitoring conditions (what to watch on which devices, when, and whom to tell) and
 * the alert log. Times are epoch ms; times of day are the console's local time.
 */

const id = z.number().int().positive();

/** What a condition can watch: the printer's decoded conditions plus "not reachable" (N missed polls). */
export const WATCHABLE_CONDITIONS = [...PRINTER_CONDITIONS, 'notReachable'] as const;
export const watchedConditionSchema = z.enum(WATCHABLE_CONDITIONS);
export type WatchedCondition = z.infer<typeof watchedConditionSchema>;

export const monitoringSettingsSchema = z.object({
  /** Poll period: 1 s – 24 h (10 minutes by default). */
  intervalMs: z.number().int().min(1_000).max(24 * 3600_000),
  /** Failed polls in a row after which a device is "not reachable" (3 by default). */
  missesBeforeNotReachable: z.number().int().min(1).max(100),
  /** Listen for SNMP traps (v1, v2c traps and informs) and re-poll the sender at once. */
  trapsEnabled: z.boolean(),
  /** UDP port of the trap listener (162 by default). */
  trapPort: z.number().int().min(1).max(65_535),
});
export type MonitoringSettings = z.infer<typeof monitoringSettingsSchema>;

/** "HH:MM", 24-hour clock, console local time. */
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:MM (00:00–23:59)');

/** When mails may go out: days (0 = Sunday … 6 = Saturday) and hours from–to (to < from spans midnight; from = to is the whole day). */
export const monitoredHoursSchema = z.object({
  days: z.array(z.number().int().min(0).max(6)).min(1).max(7),
  from: timeOfDay,
  to: timeOfDay,
});
export type MonitoredHours = z.infer<typeof monitoredHoursSchema>;

export const ALERT_MAIL_FORMATS = ['standard', 'short'] as const;
/** Who is told: standard mails (subject + table) or short plain text cut to maxChars (mobile phones). */
export const alertDestinationSchema = z.object({
  address: mailAddressSchema,
  format: z.enum(ALERT_MAIL_FORMATS).default('standard'),
  /** Short format only: the longest text sent. */
  maxChars: z.number().int().min(40).max(10_000).default(160),
});
export type AlertDestination = z.infer<typeof alertDestinationSchema>;

/** Devices by id and groups by id (resolved at each evaluation), or every device. */
export const conditionTargetsSchema = z.object({
  allDevices: z.boolean().default(false),
  deviceIds: z.array(id).max(100_000).default([]),
  groupIds: z.array(id).max(1_000).default([]),
});

const conditionFields = {
  name: z.string().trim().min(1).max(120),
  enabled: z.boolean().default(true),
  targets: conditionTargetsSchema,
  watch: z.array(watchedConditionSchema).min(1),
  hours: monitoredHoursSchema.default({ days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '00:00' }),
  /** No destination: alerts are listed only. */
  destinations: z.array(alertDestinationSchema).max(50).default([]),
  /** A change must last this long before it counts (and is mailed); 0 = at once. */
  holdDownMinutes: z.number().int().min(0).max(1_440).default(5),
  /** At most one mail per device in this window; 0 = no damping. */
  dampingMinutes: z.number().int().min(0).max(1_440).default(60),
  /** When monitored hours start, one mail listing what changed outside them. */
  digest: z.boolean().default(false),
};

export const conditionInputSchema = z.object(conditionFields);
export type MonitoringConditionInput = z.infer<typeof conditionInputSchema>;

export const monitoringConditionSchema = z.object({ id, ...conditionFields, createdAt: z.number(), updatedAt: z.number() });
export type MonitoringCondition = z.infer<typeof monitoringConditionSchema>;

export const ALERT_KINDS = ['raised', 'cleared', 'changed'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
/** Why a change was not mailed when it happened (it may still be mailed later: damping, digest). */
export const SUPPRESSION_REASONS = ['list-only', 'outside-hours', 'damped'] as const;
export type SuppressionReason = (typeof SUPPRESSION_REASONS)[number];

export const alertEventSchema = z.object({
  id,
  at: z.number(),
  conditionId: id.nullable(),
  conditionName: z.string(),
  deviceId: id.nullable(),
  deviceName: z.string(),
  kind: z.enum(ALERT_KINDS),
  /** The watched conditions active after the change. */
  active: z.array(watchedConditionSchema),
  previous: z.array(watchedConditionSchema),
  mailedTo: z.array(z.string()).nullable(),
  mailedAt: z.number().nullable(),
  suppressed: z.enum(SUPPRESSION_REASONS).nullable(),
});
export type AlertEvent = z.infer<typeof alertEventSchema>;

/** Monitoring settings, conditions and the alert log. */
export const monitoringContract = {
  getSettings: method(z.object({}), monitoringSettingsSchema, 'The poll interval, misses before "not reachable" and the trap listener settings.', view('monitoring')),
  updateSettings: method(
    monitoringSettingsSchema.partial(),
    monitoringSettingsSchema,
    'Changes and saves settings; the interval and misses apply at once, the trap listener is restarted (a port it cannot bind is logged, the settings are kept).',
    change('environment'),
  ),
  listConditions: method(z.object({}), z.object({ conditions: z.array(monitoringConditionSchema) }), 'Every monitoring condition, by name.', view('monitoring')),
  createCondition: method(
    conditionInputSchema,
    monitoringConditionSchema,
    "Creates a condition; 'conflict' when the name is taken, 'invalid-argument' without targets or for an unknown group.",
    change('monitoring'),
  ),
  updateCondition: method(
    z.object({ id, ...conditionFields }),
    monitoringConditionSchema,
    "Replaces a condition (what was already reported for its devices is kept); 'not-found', 'conflict', 'invalid-argument'.",
    change('monitoring'),
  ),
  removeCondition: method(z.object({ id }), z.object({}), 'Deletes a condition and its device states (its log entries stay); unknown ids are no error.', change('monitoring')),
  listAlerts: method(
    z.object({ limit: z.number().int().min(1).max(1_000).default(100), deviceId: id.optional() }),
    z.object({ alerts: z.array(alertEventSchema) }),
    'The alert log, newest first (of one device when deviceId is given).',
    view('monitoring'),
  ),
};
