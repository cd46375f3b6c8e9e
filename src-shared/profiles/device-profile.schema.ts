import { z } from 'zod';
import type { SupplyQuirks } from '../supplies/supply-quirks';

/**
 * The format of a vendor device profile (resources/profiles/*.json). Everything a profile can
 * say is data: how to recognise the vendor, where its model/serial/firmware and extra counters
 * live, and how its supplies table deviates from RFC 3805. See resources/profiles/README.md.
 */

const OID_TEXT = /^\d+(\.\d+)+$/;

const oidSchema = z.string().regex(OID_TEXT, 'must be a numeric OID without a leading dot, e.g. "1.3.6.1.4.1.11"');

function compiles(source: string): boolean {
  try {
    new RegExp(source, 'i');
    return true;
  } catch {
    return false;
  }
}

/** Regex source text; profiles always match case-insensitively. */
const regexSchema = z.string().min(1).refine(compiles, 'is not a valid regular expression');

const nameSchema = z.string().trim().min(1);

/** Where one identity value (model, serial, firmware) can be read; see README for the order of steps. */
const valueSourceSchema = z
  .strictObject({
    /** Instance OID to GET (its value is read as text). */
    oid: oidSchema.optional(),
    /** With `oid`: regex over the value; the first capture group (or the whole match) is kept. */
    pattern: regexSchema.optional(),
    /** Regex over sysDescr instead of an OID; the first capture group (or the whole match) is kept. */
    fromSysDescr: regexSchema.optional(),
    /** Removed from the start when present (case-insensitive), e.g. the vendor name. */
    stripPrefixes: z.array(z.string().min(1)).optional(),
    /** Removed from the end when present (case-insensitive), e.g. " series". */
    stripSuffixes: z.array(z.string().min(1)).optional(),
  })
  .refine((s) => (s.oid === undefined) !== (s.fromSysDescr === undefined), 'give exactly one of "oid" or "fromSysDescr"')
  .refine((s) => s.pattern === undefined || s.oid !== undefined, '"pattern" applies to "oid" only (use "fromSysDescr" for sysDescr)');

/** One source or several; the first that yields a non-empty value wins. */
const valueSourcesSchema = z.union([valueSourceSchema, z.array(valueSourceSchema).min(1)]);

const counterSchema = z.strictObject({
  /** Standard names: total, mono, color, print, copy, scan, fax, duplex, sincePowerOn; others are camelCase. */
  name: z.string().regex(/^[a-z][A-Za-z0-9]*$/, 'must be a camelCase name such as "total" or "printMono"'),
  /** "impressions", "sheets", "pages", "inches", "events" … */
  unit: nameSchema,
  oid: oidSchema,
  /** Regex over the value's text when the device reports the number inside text ("1920 INCHES, …"). */
  pattern: regexSchema.optional(),
  /** Multiplier applied to the value read (e.g. 0.1 for tenths). */
  scale: z.number().positive().optional(),
});

const percentOrUnknown = z.number().min(0).max(100).nullable();

const supplyQuirksSchema = z.strictObject({
  levelCodes: z.record(z.string().regex(/^-?\d+$/, 'keys are integer level codes'), percentOrUnknown).optional(),
  negativeLevels: z.record(z.string().regex(/^-\d+$/, 'keys are negative integer levels'), percentOrUnknown).optional(),
  levelIsPercent: z.boolean().optional(),
});

// The JSON shape and the supply normaliser's type must stay the same thing.
type InferredQuirks = z.infer<typeof supplyQuirksSchema>;
type Extends<A, B> = [A] extends [B] ? true : false;
const _quirksMatch: [Extends<InferredQuirks, SupplyQuirks>, Extends<SupplyQuirks, InferredQuirks>] = [true, true];

const brandSchema = z.strictObject({
  /** Shown as the vendor when this brand is recognised ("Gestetner"). */
  name: nameSchema,
  /** Default: the name as a whole word anywhere in sysDescr. */
  sysDescrPatterns: z.array(regexSchema).min(1).optional(),
});

const matchSchema = z.strictObject({
  /** Numeric OID prefixes of sysObjectID; the longest matching prefix over all profiles wins. */
  sysObjectIdPrefixes: z.array(oidSchema),
  /** Case-insensitive regexes over sysDescr: tiebreaker between equal prefixes, fallback without one. */
  sysDescrPatterns: z.array(regexSchema).optional(),
});

export const deviceProfileSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be kebab-case, e.g. "konica-minolta"'),
    /** Display name of the maker ("Ricoh"); null only for the generic fallback profile. */
    vendor: nameSchema.nullable(),
    /** OEM names sold on this maker's hardware; the first recognised one is shown as the vendor. */
    brands: z.array(brandSchema).optional(),
    /** Breaks ties between profiles that match equally well (higher wins; default 0). */
    priority: z.number().int().optional(),
    /** The profile used when no other matches (standard MIB only); at most one per set. */
    fallback: z.boolean().optional(),
    match: matchSchema,
    model: valueSourcesSchema.optional(),
    serial: valueSourcesSchema.optional(),
    firmware: valueSourcesSchema.optional(),
    counters: z.array(counterSchema).optional(),
    supplyQuirks: supplyQuirksSchema.optional(),
    notes: z.string().optional(),
  })
  .superRefine((profile, ctx) => {
    const canMatch = profile.match.sysObjectIdPrefixes.length > 0 || (profile.match.sysDescrPatterns?.length ?? 0) > 0;
    if (!canMatch && profile.fallback !== true) {
      ctx.addIssue({ code: 'custom', path: ['match'], message: 'a profile that is not the fallback needs a sysObjectID prefix or a sysDescr pattern' });
    }
    if (profile.vendor === null && profile.fallback !== true) {
      ctx.addIssue({ code: 'custom', path: ['vendor'], message: 'only the fallback profile may have a null vendor' });
    }
    const seen = new Set<string>();
    profile.counters?.forEach((counter, i) => {
      if (seen.has(counter.name)) ctx.addIssue({ code: 'custom', path: ['counters', i, 'name'], message: `duplicate counter name "${counter.name}"` });
      seen.add(counter.name);
    });
  });

export type DeviceProfile = z.infer<typeof deviceProfileSchema>;
export type ValueSource = z.infer<typeof valueSourceSchema>;
export type ProfileCounter = z.infer<typeof counterSchema>;
export type ProfileBrand = z.infer<typeof brandSchema>;
