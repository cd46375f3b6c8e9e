import { z } from 'zod';
import { deviceDetailSchema, deviceHistorySchema, deviceSummarySchema, readErrorSchema } from '../domain/device.schemas';
import { deviceRowsSchema } from '../domain/device-rows.codec';
import { change, view } from '../auth/access';
import { method } from '../rpc/contract-builder';

const id = z.number().int().positive();
const ids = z.array(id).min(1).max(100_000);

/** The device list and each device: read, add, remove, refresh, import and export. */
export const devicesContract = {
  list: method(
    z.object({ ids: z.array(id).max(10_000).optional() }),
    z.object({ devices: z.array(deviceSummarySchema) }),
    'Every device in the store as a full summary (or only those of `ids` that exist: what a devices.changed event named), for the CLI and API scripts; the console reads listRows. Never fails for a device: greyed-out rows carry their reason.',
    view('deviceList'),
  ),
  listRows: method(
    z
      .object({
        ids: z.array(id).max(10_000).optional(),
        /** Only the rows at the top of the list as it opens (by name): what a console shows while the rest comes. */
        first: z.number().int().min(1).max(1_000).optional(),
      })
      .refine((args) => args.ids === undefined || args.first === undefined, { message: 'give ids or first, not both' }),
    deviceRowsSchema,
    "The console's list: every device (or only those of `ids` that exist, or the `first` rows in the list's opening order, by name) as list rows in the compact form of domain/device-rows.codec (decodeDeviceRows reads it); by id unless `first`. Only the fields the list shows. Never fails for a device; 'invalid-argument' for ids and first together.",
    view('deviceList'),
  ),
  get: method(z.object({ id }), deviceDetailSchema, "One device with supplies, trays, counters and alerts; 'not-found' when it is gone.", view('deviceList')),
  history: method(
    z.object({ id, since: z.number().int().nonnegative(), until: z.number().int().positive().optional() }),
    deviceHistorySchema,
    "Status changes, supply levels and counters of a device in a time window, oldest first; 'not-found' when the device is gone.",
    view('deviceList'),
  ),
  add: method(
    z.object({ address: z.string().trim().min(1).max(300), name: z.string().trim().max(200).optional() }),
    z.object({ id, created: z.boolean() }),
    "Adds a device by address (host[:port]); it shows greyed out until read. 'invalid-argument' names what is wrong with the address.",
    change('deviceManagement'),
  ),
  remove: method(z.object({ ids }), z.object({ removed: z.number().int() }), 'Removes devices (and their history); unknown ids are skipped.', change('deviceManagement')),
  rename: method(z.object({ id, name: z.string().trim().max(200) }), z.object({}), "Sets the name shown in the list (empty: back to the device's own name); 'not-found' when gone.", change('deviceManagement')),
  refresh: method(
    z.object({ ids }),
    z.object({ results: z.array(z.object({ id, ok: z.boolean(), error: readErrorSchema.nullable() })) }),
    'Reads devices now (a full read); one result per device, partial success is normal.',
    change('deviceManagement'),
  ),
  exportCsv: method(z.object({ ids: z.array(id).optional() }), z.object({ csv: z.string(), count: z.number().int() }), 'The device list (or the given devices) as CSV text.', view('deviceList')),
  importCsv: method(
    z.object({ csv: z.string().max(20_000_000) }),
    z.object({ added: z.number().int(), existing: z.number().int() }),
    "Adds the devices of a CSV export; all or nothing: a bad line is 'invalid-argument' naming its line number and nothing is imported.",
    change('deviceManagement'),
  ),
};
