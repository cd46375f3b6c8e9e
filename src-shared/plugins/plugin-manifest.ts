import { z } from 'zod';

/**
 * What a plug-in says about itself (ARCHITECTURE.md, "Plug-ins"): its id (the namespace of its
 * services, functions, task kinds and tables), a name people read, its version, and the
 * plug-in API version it was written for. The console loads a plug-in only when it speaks the
 * console's API version; otherwise the plug-in is listed as failed and skipped.
 */
export const PLUGIN_API_VERSION = 1;

export const pluginIdSchema = z.string().regex(/^[a-z][a-z0-9]{1,31}$/, 'a plug-in id is 2–32 lower-case letters and digits, starting with a letter');

export const pluginManifestSchema = z.object({
  id: pluginIdSchema,
  name: z.string().trim().min(1).max(80),
  version: z.string().regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, 'a version is "major.minor.patch"'),
  apiVersion: z.number().int().min(1),
  description: z.string().max(300).default(''),
});
export type PluginManifest = z.output<typeof pluginManifestSchema>;

export const PLUGIN_STATES = ['enabled', 'disabled', 'failed'] as const;
export type PluginState = (typeof PLUGIN_STATES)[number];

/** A plug-in as Settings → Plug-ins lists it: what it is, its state, and what it contributes. */
export const pluginInfoSchema = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  apiVersion: z.number().int(),
  description: z.string(),
  state: z.enum(PLUGIN_STATES),
  /** Why it failed to load (failed only). */
  error: z.string().nullable(),
  /** Its rows in the permission matrix ("id.function"). */
  functions: z.array(z.string()),
  /** Its task kinds ("id.kind"). */
  taskKinds: z.array(z.string()),
  /** Its contract services ("id.service"). */
  services: z.array(z.string()),
  /** Schema version of its own tables (0: none). */
  schemaVersion: z.number().int(),
});
export type PluginInfo = z.infer<typeof pluginInfoSchema>;

/** The message a disabled plug-in's calls and tasks get. */
export function pluginDisabledMessage(name: string): string {
  return `The ${name} plug-in is disabled. An administrator can enable it in Settings → Plug-ins; its data is kept.`;
}
