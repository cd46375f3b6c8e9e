import { z } from 'zod';
import { change, view } from '../../auth/access';
import { method } from '../../rpc/contract-builder';
import { driverStoreInputSchema, driverStoreSchema, storeTestResultSchema } from './driver-store';
import { STORES_FUNCTION } from './drivers-ids';

/** Driver stores on FTP servers ("drivers.stores.*"): several may be saved; passwords sealed, never returned. */
const id = z.number().int().positive();

export const storesContract = {
  list: method(z.object({}), z.object({ stores: z.array(driverStoreSchema) }), 'Every driver store by name, with how many sets it holds (never a password).', view(STORES_FUNCTION)),
  save: method(
    z.object({ id: id.optional(), store: driverStoreInputSchema }),
    driverStoreSchema,
    "Adds (no id) or changes a store; the password is sealed (left out: kept, null: cleared). A stored password goes only to the server it was given for: changing host, port, security or user needs it typed again. 'conflict' when the name is taken.",
    change(STORES_FUNCTION),
  ),
  remove: method(z.object({ id }), z.object({}), "Forgets a store (its files stay on the server); 'conflict' while driver sets are kept on it. An unknown id is no error.", change(STORES_FUNCTION)),
  test: method(
    z.object({ id: id.optional(), store: driverStoreInputSchema.optional() }),
    storeTestResultSchema,
    'Tests a saved store, or unsaved settings (with the saved password when left out), step by step: connect, TLS, sign in, open the directory, list it (a data connection in the chosen mode), write and delete a small file. Stops at the first step that fails and says why.',
    change(STORES_FUNCTION),
  ),
};
export type StoresContract = typeof storesContract;
