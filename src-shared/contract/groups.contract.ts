import { z } from 'zod';
import { deviceFilterSchema } from '../filters/device-filter';
import { change, view } from '../auth/access';
import { method } from '../rpc/contract-builder';

const id = z.number().int().positive();

/** A static group lists its members; a smart group is a saved filter. A device may be in several. */
export const groupSchema = z.object({
  id,
  name: z.string(),
  kind: z.enum(['static', 'smart']),
  /** Static groups: member device ids. Smart groups: resolved at read time. */
  deviceIds: z.array(id),
  /** Smart groups only. */
  filter: deviceFilterSchema.nullable(),
});
export type Group = z.infer<typeof groupSchema>;

export const savedFilterSchema = z.object({ id, name: z.string(), filter: deviceFilterSchema });
export type SavedFilter = z.infer<typeof savedFilterSchema>;

const name = z.string().trim().min(1).max(120);

/** Groups of devices, and saved filters. */
export const groupsContract = {
  list: method(z.object({}), z.object({ groups: z.array(groupSchema) }), 'Every group with its current members (smart groups resolved now).', view('deviceList')),
  create: method(
    z.object({ name, kind: z.enum(['static', 'smart']), filter: deviceFilterSchema.optional() }),
    groupSchema,
    "Creates a group (a static one may start empty); 'conflict' when the name is taken, 'invalid-argument' for a smart group without a filter.",
    change('deviceManagement'),
  ),
  update: method(z.object({ id, name: name.optional(), filter: deviceFilterSchema.optional() }), groupSchema, "Renames a group or changes a smart group's filter; 'not-found', 'conflict'.", change('deviceManagement')),
  remove: method(z.object({ id }), z.object({}), 'Deletes a group (its devices stay); unknown ids are no error.', change('deviceManagement')),
  addDevices: method(z.object({ id, deviceIds: z.array(id).min(1) }), groupSchema, "Adds devices to a static group; 'unsupported' for a smart group, unknown devices skipped.", change('deviceManagement')),
  removeDevices: method(z.object({ id, deviceIds: z.array(id).min(1) }), groupSchema, 'Takes devices out of a static group.', change('deviceManagement')),
  listFilters: method(z.object({}), z.object({ filters: z.array(savedFilterSchema) }), 'Saved filters, by name.', view('deviceList')),
  saveFilter: method(z.object({ name, filter: deviceFilterSchema }), savedFilterSchema, 'Saves a filter under a name (replacing one of the same name).', change('deviceManagement')),
  removeFilter: method(z.object({ id }), z.object({}), 'Deletes a saved filter.', change('deviceManagement')),
};
