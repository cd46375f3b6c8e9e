import { z } from 'zod';
import { change, view } from '../../auth/access';
import { method } from '../../rpc/contract-builder';
import { associationInputSchema, associationProposalSchema, associationSchema, ippCheckSchema } from './association';
import { ASSOCIATIONS_FUNCTION } from './drivers-ids';

/** Associations of driver sets with devices, and the IPP Everywhere check of devices ("drivers.associations.*"). */
const id = z.number().int().positive();

export const associationsContract = {
  list: method(z.object({ deviceId: id.optional() }), z.object({ associations: z.array(associationSchema) }), 'Every association by name (of one device when given), with its device, set and queue URI.', view(ASSOCIATIONS_FUNCTION)),
  save: method(
    z.object({ id: id.optional(), association: associationInputSchema }),
    associationSchema,
    "Adds (no id) or changes an association; the device and the set must exist. 'conflict' when the name is taken, 'invalid-argument' naming the field.",
    change(ASSOCIATIONS_FUNCTION),
  ),
  remove: method(z.object({ id }), z.object({}), 'Deletes an association; an unknown id is no error.', change(ASSOCIATIONS_FUNCTION)),
  checkIpp: method(
    z.object({
      deviceIds: z.array(id).min(1).max(500),
      /** IPP port (631 by default; simulated printers listen elsewhere). */
      port: z.number().int().min(1).max(65_535).default(631),
      resource: z.string().trim().max(255).default('/ipp/print'),
      tls: z.boolean().default(false),
    }),
    z.object({ checks: z.array(ippCheckSchema) }),
    'Asks each device Get-Printer-Attributes and stores whether it is IPP Everywhere ready (IPP 2.0 or later, image/pwg-raster or image/urf); a device that does not answer is stored as not ready, with the reason.',
    change(ASSOCIATIONS_FUNCTION),
  ),
  checks: method(z.object({ deviceIds: z.array(id).max(100_000).optional() }), z.object({ checks: z.array(ippCheckSchema) }), 'The stored IPP Everywhere checks (of the devices given, else all).', view(ASSOCIATIONS_FUNCTION)),
  driverlessReady: method(
    z.object({}),
    z.object({ devices: z.record(z.string(), z.object({ ready: z.boolean(), checkedAt: z.number() })) }),
    'Per checked device id: whether it is IPP Everywhere ready, for the device list\'s "driverless ready" column.',
    view(ASSOCIATIONS_FUNCTION),
  ),
  propose: method(
    z.object({ deviceId: id }),
    z.object({ proposals: z.array(associationProposalSchema), check: ippCheckSchema.nullable() }),
    "What to associate with a device: driverless sets first when its last check found it IPP Everywhere ready, then sets whose driver names its model; 'not-found'.",
    view(ASSOCIATIONS_FUNCTION),
  ),
};
export type AssociationsContract = typeof associationsContract;
