import type { RemoteInfo } from 'node:dgram';
import { decodeCommunityMessage, type CommunityMessage, type Pdu } from '../../../../src-shared/snmp/ber/snmp-pdu-codec';
import type { AddressProbe, Route } from './address-probe';
import type { RequestIds } from './request-ids';
import type { ScanCredential } from './scan-types';

/** What a datagram on a scan's socket is. */
export type ClassifiedReply =
  | { kind: 'ignored'; reason: string }
  /** An answer to a broadcast probe: every sender counts. */
  | { kind: 'broadcast'; address: string; route: Route; pdu: Pdu }
  /** An answer from the very address a unicast probe went to. */
  | { kind: 'unicast'; probe: AddressProbe; route: Route; pdu: Pdu };

/**
 * Decodes a datagram and matches it to the probe its request id names, checking what
 * net-snmp never checks: the version asked, the port asked and — for unicast — the sender.
 * Never throws: a datagram that fits no probe comes back as `ignored` with the reason.
 */
export function classifyReply(
  msg: Uint8Array,
  rinfo: RemoteInfo,
  context: { routes: ReadonlyMap<number, Route>; ids: RequestIds; credentials: readonly ScanCredential[]; port: number },
): ClassifiedReply {
  let message: CommunityMessage;
  try {
    message = decodeCommunityMessage(msg);
  } catch (error) {
    return { kind: 'ignored', reason: `malformed reply (${error instanceof Error ? error.message : String(error)})` };
  }
  const pdu = message.pdu;
  if (pdu.type !== 'response') return { kind: 'ignored', reason: `not a Response PDU (${pdu.type})` };
  const route = context.routes.get(pdu.requestId);
  if (!route) {
    const reason = context.ids.wasIssued(pdu.requestId) ? `late or repeated reply (request id ${pdu.requestId})` : `unknown request id ${pdu.requestId}`;
    return { kind: 'ignored', reason };
  }
  const asked = context.credentials[route.credential]?.version;
  if (asked !== message.version) return { kind: 'ignored', reason: `${message.version} reply to a ${asked ?? '?'} probe` };
  if (rinfo.port !== context.port) return { kind: 'ignored', reason: `reply from port ${rinfo.port}, probes went to port ${context.port}` };
  if (route.probe === null) return { kind: 'broadcast', address: rinfo.address, route, pdu };
  if (rinfo.address !== route.probe.address) return { kind: 'ignored', reason: `reply from another host than asked (${route.probe.address})` };
  return { kind: 'unicast', probe: route.probe, route, pdu };
}
