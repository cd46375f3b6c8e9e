import { z } from 'zod';
import { SETTING_IDS, type SettingId } from '../settings/settings-catalogue';
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

/**
 * How one settings item is written on a model (DEVICE-SETTINGS.md): where (an instance OID, the
 * first row of a table column, or the prtChannelState row of a channel type), how the value is
 * encoded, and varbinds that must travel in the same SET (JetDirect: manual source with the address).
 */
export const settingWriteSchema = z
  .strictObject({
    /** An instance OID ("1.3.6.1.2.1.1.5.0"). */
    oid: oidSchema.optional(),
    /** A column: the value lives in its first row (prtGeneral's index is the printer's hrDeviceIndex, not always 1). */
    column: oidSchema.optional(),
    /** Printer-MIB channels: prtChannelState (…43.14.1.1.6) on the row whose prtChannelType is this (LPD 8, port 9100 11, IPP 44). */
    channelType: z.number().int().min(1).optional(),
    /** text: OctetString; integer: via `values` for switches and choices, or the number; ipAddress: IpAddress; ipv4Octets: 4-byte OctetString. */
    encoding: z.enum(['text', 'integer', 'ipAddress', 'ipv4Octets']),
    /** Text longer than this is refused before sending (the device's own limit when below the catalogue's). */
    maxLength: z.number().int().min(0).max(65_535).optional(),
    /** Switch ("on"/"off") or choice value → the integer written (and read back). */
    values: z.record(z.string().min(1), z.number().int()).optional(),
    /** Varbinds sent in the same SET before this one, e.g. npCfgSource manual(3) with the address. */
    with: z.array(z.strictObject({ oid: oidSchema, integer: z.number().int() })).optional(),
  })
  .refine((w) => [w.oid, w.column, w.channelType].filter((x) => x !== undefined).length === 1, 'give exactly one of "oid", "column" or "channelType"');
export type SettingWrite = z.infer<typeof settingWriteSchema>;

const settingsSectionSchema = z.record(z.string(), z.union([settingWriteSchema, z.literal('unsupported')])).superRefine((section, ctx) => {
  for (const key of Object.keys(section)) {
    if (!(SETTING_IDS as readonly string[]).includes(key)) ctx.addIssue({ code: 'custom', path: [key], message: `is not a setting item (known: ${SETTING_IDS.join(', ')})` });
  }
});
export type SettingsSection = Partial<Record<SettingId, SettingWrite | 'unsupported'>>;

const rebootSchema = z.strictObject({
  /** The prtGeneralReset value written (default resetToNVRAM 5; powerCycleReset 4 where a model needs it). */
  value: z.number().int().min(4).max(6).optional(),
  /** Seconds the device may take to answer again after a reboot (default 180). */
  withinSeconds: z.number().int().min(5).max(1800).optional(),
  /** The model cannot be rebooted over SNMP. */
  unsupported: z.boolean().optional(),
});

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
    /**
     * SNMP contexts that hold the Printer-MIB supplies (prtMarkerSuppliesTable and its
     * prtMarkerColorantTable) on some models, tried in order when the default context has no
     * supply rows: v3 by contextName, v1/v2c by community "<community>@<context>".
     */
    supplyContexts: z.array(z.string().regex(/^[A-Za-z0-9_.-]{1,32}$/, 'an SNMP context name: 1–32 letters, digits, "_", "." or "-"')).min(1).optional(),
    /** Settings items beyond (or instead of) the standard objects; "unsupported" removes a standard one. */
    settings: settingsSectionSchema.optional(),
    reboot: rebootSchema.optional(),
    /** Data for plug-ins, one object per plug-in id (its address book adapter and limits …); each plug-in checks its own part. */
    plugins: z.record(z.string().regex(/^[a-z][a-z0-9]{1,31}$/, 'a plug-in id'), z.record(z.string(), z.unknown())).optional(),
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
