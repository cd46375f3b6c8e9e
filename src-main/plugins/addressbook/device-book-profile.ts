import { z } from 'zod';
import { BOOK_FILE_FORMATS, type BookFileFormat } from '../../../src-shared/plugins/addressbook/addressbook.contract';

/**
 * What a device profile says about address books, in its `plugins.addressbook` section:
 * the adapter that speaks the device's remote service (none: a file hand-off), the file format
 * its vendor imports, and the book's limits, per model where they differ.
 */
const limitsSchema = z.strictObject({ entries: z.number().int().min(1).nullable().default(null), oneTouch: z.number().int().min(0).nullable().default(null) });
export const deviceBookProfileSchema = z.strictObject({
  adapter: z.string().nullable().default(null),
  handoff: z.enum(BOOK_FILE_FORMATS).default('csv'),
  /** The steps of the vendor's own import, shown with the hand-off file. */
  handoffSteps: z.array(z.string()).default([]),
  limits: limitsSchema.default({ entries: null, oneTouch: null }),
  /** Per model: a case-insensitive substring of the model name and its limits. */
  models: z.array(z.strictObject({ model: z.string().min(1), entries: z.number().int().min(1).nullable().default(null), oneTouch: z.number().int().min(0).nullable().default(null) })).default([]),
});
export type DeviceBookProfile = z.output<typeof deviceBookProfileSchema>;

const GENERIC_STEPS = [
  "Open the device's web page (Remote UI / Embedded Web Server) and sign in as its administrator.",
  'Find the address book import (often under Address Book, Settings/Registration or Data Management).',
  'Choose the file, keep its encoding, and choose "Append" or "Erase and overwrite".',
  "Check a few entries on the device's panel.",
];

export interface DeviceBookFacts {
  adapter: string | null;
  handoff: BookFileFormat;
  steps: string[];
  limit: number | null;
  oneTouchLimit: number | null;
}

/** The facts for one device: its profile's section (a broken one reads as none, reported by `problem`) and its model's limits. */
export function deviceBookFacts(profileData: Readonly<Record<string, unknown>> | null, model: string | null): DeviceBookFacts & { problem: string | null } {
  const parsed = deviceBookProfileSchema.safeParse(profileData ?? {});
  const data = parsed.success ? parsed.data : deviceBookProfileSchema.parse({});
  const forModel = model === null ? undefined : data.models.find((m) => model.toLowerCase().includes(m.model.toLowerCase()));
  return {
    adapter: data.adapter,
    handoff: data.handoff,
    steps: data.handoffSteps.length > 0 ? data.handoffSteps : GENERIC_STEPS,
    limit: forModel?.entries ?? data.limits.entries,
    oneTouchLimit: forModel?.oneTouch ?? data.limits.oneTouch,
    problem: parsed.success ? null : `its profile's address book section is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
  };
}
