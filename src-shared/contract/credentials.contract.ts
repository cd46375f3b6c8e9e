import { z } from 'zod';
import { change, view } from '../auth/access';
import { method } from '../rpc/contract-builder';
import { credentialSchema } from './discovery.contract';

const id = z.number().int().positive();

/** The device administrator's ID and password (vendor adapters: address book services, web servers). */
export const adminCredentialSchema = z.object({ id: z.string().trim().min(1).max(128), password: z.string().min(1).max(256) });

/** Where a device's credential comes from: its own, a group default, or none. */
export const credentialSourceSchema = z.object({ kind: z.enum(['device', 'group']), groupId: id.nullable(), groupName: z.string().nullable() }).nullable();

/** What the console shows of a stored credential: whether it is set and its non-secret parts, never a secret. */
export const credentialStatusSchema = z.object({
  snmpWrite: z.object({ set: z.boolean(), version: z.enum(['v1', 'v2c', 'v3']).nullable(), v3User: z.string().nullable(), source: credentialSourceSchema }),
  admin: z.object({ set: z.boolean(), id: z.string().nullable(), source: credentialSourceSchema }),
});
export type CredentialStatus = z.infer<typeof credentialStatusSchema>;

export const AUTH_TEST_STEPS = ['ok', 'no-credentials', 'no-answer', 'wrong-credentials', 'read-only', 'v3-auth', 'v3-privacy', 'not-a-device'] as const;
export type AuthTestStep = (typeof AUTH_TEST_STEPS)[number];

/** A change to a credential: a new value, null to clear it, absent to keep it. */
const snmpWriteChange = credentialSchema.nullable().optional();
const adminChange = adminCredentialSchema.nullable().optional();

/**
 * The device credentials vault (issue 10): SNMP write access and the device administrator per
 * device, with defaults per group; entered once, sealed at rest, reused by every later task.
 */
export const credentialsContract = {
  get: method(
    z.object({ deviceIds: z.array(id).min(1).max(10_000) }),
    z.object({ devices: z.array(credentialStatusSchema.extend({ deviceId: id })) }),
    'What is stored for each device (its own or its group default): set or not, version, v3 user, administrator ID; never a secret. Unknown ids are left out.',
    view('deviceSettings'),
  ),
  setForDevices: method(
    z.object({ deviceIds: z.array(id).min(1).max(10_000), snmpWrite: snmpWriteChange, admin: adminChange }),
    z.object({ updated: z.number().int() }),
    'Stores the same credentials for all the given devices in one step (null clears one, absent keeps it); unknown ids are skipped.',
    change('deviceSettings'),
  ),
  getGroup: method(z.object({ groupId: id }), credentialStatusSchema, "The default credentials of a device group; 'not-found' for an unknown group.", view('deviceSettings')),
  setForGroup: method(
    z.object({ groupId: id, snmpWrite: snmpWriteChange, admin: adminChange }),
    credentialStatusSchema,
    "Stores a group's default credentials, used by its devices that have none of their own; 'not-found'.",
    change('deviceSettings'),
  ),
  test: method(
    z.object({ deviceId: id, snmpWrite: credentialSchema.optional() }),
    z.object({ ok: z.boolean(), step: z.enum(AUTH_TEST_STEPS), message: z.string() }),
    "Proves write access without changing anything: reads an object with the write credential (given, else stored) and SETs it to the value just read; says which step failed. 'not-found' for an unknown device.",
    change('deviceSettings'),
  ),
};
