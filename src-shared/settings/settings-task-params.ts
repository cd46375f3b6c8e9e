import { z } from 'zod';
import { SETTING_IDS, settingProblems, type SettingId, type SettingValue } from './settings-catalogue';

const settingIdSchema = z.enum(SETTING_IDS as [SettingId, ...SettingId[]]);
export const settingValueSchema = z.union([z.string().max(1024), z.boolean(), z.number().int()]);

/** The chosen items and their values, checked against the catalogue's types and rules (each problem names its item). */
export const settingValuesSchema = z
  .partialRecord(settingIdSchema, settingValueSchema)
  .superRefine((values, ctx) => {
    if (Object.keys(values).length === 0) ctx.addIssue({ code: 'custom', message: 'choose at least one item to deliver' });
    for (const problem of settingProblems(values as Partial<Record<SettingId, SettingValue>>)) ctx.addIssue({ code: 'custom', path: [problem.item], message: `${problem.item} ${problem.message}` });
  });
export type SettingValues = Partial<Record<SettingId, SettingValue>>;

/** 'deliverSettings': write these values to every target, read them back; reboot after when asked (and when something was delivered). */
export const deliverSettingsParamsSchema = z.object({
  values: settingValuesSchema,
  reboot: z.boolean().default(false),
});
export type DeliverSettingsParams = z.infer<typeof deliverSettingsParamsSchema>;

/** 'acquireSettings': read every item the targets support and keep the values. */
export const acquireSettingsParamsSchema = z.object({});

/** 'reboot': restart the targets and prove it (sysUpTime went down, the device answers again within the limit). */
export const rebootParamsSchema = z.object({
  /** How long a device may take to answer again; default: its profile's, else 180 s. */
  withinSeconds: z.number().int().min(5).max(1800).optional(),
});
export type RebootParams = z.infer<typeof rebootParamsSchema>;
