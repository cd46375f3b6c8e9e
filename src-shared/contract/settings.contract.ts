import { z } from 'zod';
import { change, view } from '../auth/access';
import { method } from '../rpc/contract-builder';
import { settingValueSchema } from '../settings/settings-task-params';

const id = z.number().int().positive();

export const ipPoolSchema = z.object({
  id,
  name: z.string(),
  /** Addresses, ranges and networks as typed ("10.0.2.10-10.0.2.40, 10.0.3.0/28"). */
  ranges: z.string(),
  exclusions: z.string(),
  /** Addresses in the pool after exclusions. */
  size: z.number().int(),
  /** Addresses the pool handed out (never handed out again). */
  used: z.number().int(),
});
export type IpPool = z.infer<typeof ipPoolSchema>;

const poolFields = { name: z.string().trim().min(1).max(120), ranges: z.string().trim().min(1).max(10_000), exclusions: z.string().trim().max(10_000).default('') };

/** Per device: which items its model can take (device profile), and why not the others. */
export const supportRowSchema = z.object({
  deviceId: id,
  label: z.string(),
  profile: z.string().nullable(),
  supported: z.array(z.string()),
  unsupported: z.array(z.string()),
  /** Write credentials stored (own or group default). */
  credentials: z.boolean(),
});

/** Device settings: what each device supports, the values last acquired, and IP address pools. */
export const settingsContract = {
  support: method(
    z.object({ deviceIds: z.array(id).max(10_000).default([]), groupIds: z.array(id).max(1000).default([]), items: z.array(z.string()).max(64).optional() }),
    z.object({ devices: z.array(supportRowSchema) }),
    'For the targets (devices and group members now): which of the items (default: all) each model supports by its profile, and whether write credentials are stored. A device still has the last word: writes are read back.',
    view('deviceSettings'),
  ),
  acquired: method(
    z.object({ deviceId: id }),
    z.object({ values: z.array(z.object({ item: z.string(), value: settingValueSchema, readAt: z.number() })) }),
    'The values last acquired from a device (an acquisition task reads them), by item; empty when never acquired.',
    view('deviceSettings'),
  ),
  listPools: method(z.object({}), z.object({ pools: z.array(ipPoolSchema) }), 'IP address pools, by name, with their size and how many addresses they handed out.', view('deviceSettings')),
  createPool: method(z.object(poolFields), ipPoolSchema, "Creates a pool; 'invalid-argument' names a bad range, 'conflict' when the name is taken.", change('deviceSettings')),
  updatePool: method(z.object({ id, name: poolFields.name.optional(), ranges: poolFields.ranges.optional(), exclusions: z.string().trim().max(10_000).optional() }), ipPoolSchema, "Changes a pool (addresses handed out stay used); 'not-found', 'invalid-argument', 'conflict'.", change('deviceSettings')),
  removePool: method(z.object({ id }), z.object({}), 'Deletes a pool and its record of used addresses; unknown ids are no error.', change('deviceSettings')),
};
