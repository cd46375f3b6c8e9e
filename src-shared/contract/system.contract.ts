import { z } from 'zod';
import { SIGNED_IN, change } from '../auth/access';
import { method } from '../rpc/contract-builder';

/** The console itself. */
export const systemContract = {
  info: method(
    z.object({}),
    z.object({
      version: z.string(),
      demo: z.boolean(),
      pollIntervalMs: z.number().int(),
      monitoring: z.boolean(),
      deviceCount: z.number().int(),
      /** With a demo fleet: where its printers not yet listed answer (the search wizard starts with it). */
      demoSearch: z.object({ spec: z.string(), port: z.number().int() }).nullable(),
    }),
    'Version, whether a simulated demo fleet runs, and the monitoring state.',
    SIGNED_IN,
  ),
  setMonitoring: method(z.object({ enabled: z.boolean() }), z.object({ monitoring: z.boolean() }), 'Pauses or resumes periodic polling (the tray menu uses it).', change('monitoring')),
};
