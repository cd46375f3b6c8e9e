import type { SnmpClient, SnmpV3Credentials } from '../../snmp/snmp-client';
import { FULL_MASK, interpretLookReply, interpretProbeReply, LOOK_ROWS, PROBE_OIDS, type ProbeFindings } from './probe-codec';

/**
 * The probe with an SNMPv3 credential set, through the core's SnmpClient (USM needs engine
 * discovery, keys and time windows: not worth a second implementation). One attempt: the
 * scan does its own retries so that it can pace and count them. An undecided agent gets its
 * second look here too (one GETBULK of its next hrDeviceType rows), so the findings are final.
 */
export async function probeV3(snmp: SnmpClient, address: string, port: number, v3: SnmpV3Credentials, timeoutMs: number): Promise<ProbeFindings | null> {
  const target = { host: address, port, version: 'v3', v3, timeoutMs, retries: 0 } as const;
  let findings: ProbeFindings;
  try {
    const varbinds = await snmp.getNext(target, PROBE_OIDS);
    const outcome = interpretProbeReply({ type: 'response', requestId: 0, errorStatus: 0, errorIndex: 0, varbinds }, FULL_MASK);
    if (outcome.kind !== 'answer') return null;
    findings = outcome.findings;
  } catch {
    // Timeouts and USM reports (unknown user, wrong keys) alike: this set does not open the agent.
    return null;
  }
  if (findings.lookAfter === null) return findings;
  try {
    const rows = await snmp.getBulk(target, [findings.lookAfter], 0, LOOK_ROWS);
    return { ...findings, isPrinter: interpretLookReply({ type: 'response', requestId: 0, errorStatus: 0, errorIndex: 0, varbinds: rows }), lookAfter: null };
  } catch {
    // The agent answered the probe: it is an SNMP device, only not shown to be a printer.
    return { ...findings, lookAfter: null };
  }
}
