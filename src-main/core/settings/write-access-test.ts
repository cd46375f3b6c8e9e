import type { AuthTestStep } from '../../../src-shared/contract/credentials.contract';
import type { Credential } from '../../../src-shared/contract/discovery.contract';
import { SnmpError, type SnmpClient } from '../snmp/snmp-client';
import { settingsOfCredential, type SnmpSettings } from '../inventory/credential-settings';

/** sysContact.0: every agent has it, and writing back what it holds changes nothing. */
const PROBE_OID = '1.3.6.1.2.1.1.4.0';
const READ_ONLY = new Set(['notWritable', 'noAccess', 'readOnly', 'noSuchName', 'authorizationError', 'noCreation']);

export interface WriteAccessTester {
  test(where: { host: string; port: number }, credential: Credential): Promise<{ ok: boolean; step: AuthTestStep; message: string }>;
}

/**
 * "Test authentication" (issue 10): proves write access without changing anything — GET an
 * object with the write credential, then SET it to the value just read — and names the step
 * that failed: no answer (v1/v2c: wrong community or unreachable), v3 authentication or privacy,
 * read-only access.
 */
export function writeAccessTester(snmp: SnmpClient, base: SnmpSettings): WriteAccessTester {
  return {
    async test(where, credential) {
      const target = { ...settingsOfCredential(credential, base), host: where.host, port: where.port };
      let value;
      try {
        const [vb] = await snmp.get(target, [PROBE_OID]);
        if (!vb || vb.value.value === null) return { ok: false, step: 'not-a-device', message: 'The device answered but has no sysContact to test with.' };
        value = vb.value;
      } catch (error) {
        return failure(error, credential);
      }
      try {
        await snmp.set(target, [{ oid: PROBE_OID, value }]);
        return { ok: true, step: 'ok', message: 'Write access works: sysContact was written with the value it had.' };
      } catch (error) {
        const status = error instanceof SnmpError ? error.detail?.errorStatus : undefined;
        if (status && READ_ONLY.has(status)) return { ok: false, step: 'read-only', message: `The credential reads but cannot write (the device answered ${status}).` };
        return failure(error, credential);
      }
    },
  };
}

function failure(error: unknown, credential: Credential): { ok: false; step: AuthTestStep; message: string } {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof SnmpError) {
    if (error.code === 'snmp-timeout')
      return { ok: false, step: credential.version === 'v3' ? 'no-answer' : 'wrong-credentials', message: credential.version === 'v3' ? `No answer: ${message}` : `No answer: the community is wrong, or the device cannot be reached (${message})` };
    if (error.code === 'snmp-auth-failed') return { ok: false, step: /decrypt|privacy/i.test(message) ? 'v3-privacy' : 'v3-auth', message };
  }
  return { ok: false, step: 'no-answer', message };
}
