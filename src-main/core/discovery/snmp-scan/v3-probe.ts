import type { SnmpClient, SnmpV3Credentials } from '../../snmp/snmp-client';
import { FULL_MASK, interpretProbeReply, PROBE_OIDS, type ProbeFindings } from './probe-codec';

/**
 * The probe with an SNMPv3 credential set, through the core's SnmpClient (USM needs engine
 * discovery, keys and time windows: not worth a second implementation). One attempt: the
 * scan does its own retries so that it can pace and count them.
 */
export async function probeV3(snmp: SnmpClient, address: string, port: number, v3: SnmpV3Credentials, timeoutMs: number): Promise<ProbeFindings | null> {
  try {
    const varbinds = await snmp.getNext({ host: address, port, version: 'v3', v3, timeoutMs, retries: 0 }, PROBE_OIDS);
    const outcome = interpretProbeReply({ type: 'response', requestId: 0, errorStatus: 0, errorIndex: 0, varbinds }, FULL_MASK);
    return outcome.kind === 'answer' ? outcome.findings : null;
  } catch {
    // Timeouts and USM reports (unknown user, wrong keys) alike: this set does not open the agent.
    return null;
  }
}
