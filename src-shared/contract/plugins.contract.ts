import { z } from 'zod';
import { change, SIGNED_IN } from '../auth/access';
import { method } from '../rpc/contract-builder';
import { pluginIdSchema, pluginInfoSchema } from '../plugins/plugin-manifest';

/** The plug-ins of this console (issue 11): listed for every signed-in user (the renderer builds its menus from it), switched by environment settings. */
export const pluginsContract = {
  list: method(z.object({}), z.object({ plugins: z.array(pluginInfoSchema) }), 'Every plug-in found at start-up, in load order: manifest, state (enabled, disabled, failed with why) and contributions.', SIGNED_IN),
  setEnabled: method(
    z.object({ id: pluginIdSchema, enabled: z.boolean() }),
    pluginInfoSchema,
    "Enables or disables a plug-in at once, without a restart: a disabled plug-in's menu, calls and task runs are refused, its data is kept. 'not-found' for an unknown id; 'conflict' for one that failed to load.",
    change('environment'),
  ),
};
