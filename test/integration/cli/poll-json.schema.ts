import { z } from 'zod';

/**
 * `printdeck poll --json` as README.md documents it ("printdeck poll --json"), written from the
 * README rather than from src-shared so that the two are checked against each other. Strict
 * objects: a key the README does not document fails too.
 */

const text = z.string().nullable();
const level = z.number().nullable();
const percent = z.number().min(0).max(100).nullable();
const quality = z.enum(['exact', 'coarse', 'unknown']);
const rowIndex = z.string().regex(/^\d+(\.\d+)*$/);

export const READ_ERROR_CODES = ['snmp-timeout', 'snmp-auth-failed', 'snmp-error-status', 'snmp-malformed', 'network-error', 'name-not-resolved', 'internal'] as const;

export const pollJsonReading = z
  .strictObject({
    target: z.string().min(1),
    ok: z.boolean(),
    error: z.strictObject({ code: z.enum(READ_ERROR_CODES), message: z.string().min(1) }).nullable(),
    identity: z.strictObject({
      vendor: text,
      model: text,
      serial: text,
      mac: z.string().regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/).nullable(),
      firmware: text,
      sysName: text,
      sysDescr: text,
      sysObjectID: z.string().regex(/^\d+(\.\d+)+$/).nullable(),
      location: text,
      contact: text,
      uptimeSeconds: z.number().int().nonnegative().nullable(),
    }),
    status: z.strictObject({
      state: z.enum(['ok', 'warning', 'error', 'offline', 'unknown']),
      message: z.string().min(1),
      conditions: z.array(
        z.enum([
          'lowPaper', 'noPaper', 'lowToner', 'noToner', 'doorOpen', 'jammed', 'offline', 'serviceRequested',
          'inputTrayMissing', 'outputTrayMissing', 'markerSupplyMissing', 'outputNearFull', 'outputFull',
          'inputTrayEmpty', 'overduePreventMaint',
        ]),
      ),
    }),
    supplies: z.array(
      z.strictObject({
        index: rowIndex,
        type: text,
        class: z.enum(['consumed', 'receptacle', 'other']).nullable(),
        color: text,
        description: z.string(),
        level,
        max: level,
        unit: text,
        percent,
        quality,
      }),
    ),
    trays: z.array(
      z.strictObject({ index: rowIndex, name: z.string(), type: text, media: text, level, max: level, percent, quality }),
    ),
    counters: z.array(z.strictObject({ name: z.string().min(1), unit: z.string().min(1), value: z.number().int().nonnegative() })),
    alerts: z.array(z.strictObject({ severity: z.string().min(1), group: text, code: text, description: z.string(), location: text })),
    unreadable: z.array(z.strictObject({ field: z.string().min(1), oid: z.string().regex(/^\d+(\.\d+)+$/), reason: z.enum(['too-large']) })).min(1).optional(),
  })
  .refine((r) => r.ok === (r.error === null), { message: 'ok must be true exactly when error is null' });

export type PollJsonReading = z.infer<typeof pollJsonReading>;

/**
 * Parses stdout of `poll --json` into readings; throws with every schema issue (path and
 * message) of every object, so a failing test shows all that differs from the README at once.
 */
export function parsePollJson(stdout: string): PollJsonReading[] {
  const parsed: unknown = JSON.parse(stdout);
  if (!Array.isArray(parsed)) throw new Error(`expected a JSON array, got: ${stdout.slice(0, 200)}`);
  const problems: string[] = [];
  const readings = parsed.map((item: unknown, i) => {
    const result = pollJsonReading.safeParse(item);
    if (result.success) return result.data;
    for (const issue of result.error.issues) problems.push(`[${i}]${issue.path.map((key) => `.${String(key)}`).join('')}: ${issue.message}`);
    return null;
  });
  if (problems.length > 0) throw new Error(`poll --json does not match README's schema:\n${problems.join('\n')}`);
  return readings.filter((r): r is PollJsonReading => r !== null);
}
