import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { decodeCommunityMessage, encodeCommunityMessage, type CommunityMessage, type PduTypeName } from '../../src-shared/snmp/ber/snmp-pdu-codec';
import type { VarBind } from '../../src-shared/snmp/snmp-value';

/**
 * A plain UDP socket on loopback playing an SNMP agent as the test scripts it: answering from
 * another port, with PDUs real agents never send, late, or not at all. Its `other` socket is a
 * second port of the same host.
 */

export type PeerHandler = (request: CommunityMessage, remote: RemoteInfo, reply: (message: CommunityMessage, from?: Socket) => void) => void;

export interface ScriptedPeer {
  port: number;
  peer: Socket;
  other: Socket;
  /** What the peer does with each request (decoded); replace it per test. */
  handler: PeerHandler;
  close(): void;
}

function listen(socket: Socket): Promise<number> {
  return new Promise((resolve) => socket.bind(0, '127.0.0.1', () => resolve(socket.address().port)));
}

/** Starts the peer on 127.0.0.1 with a handler that stays silent. */
export async function startScriptedPeer(): Promise<ScriptedPeer> {
  const peer = createSocket('udp4');
  const other = createSocket('udp4');
  let closed = false;
  const scripted: ScriptedPeer = {
    port: 0,
    peer,
    other,
    handler: () => undefined,
    close: () => {
      closed = true;
      peer.close();
      other.close();
    },
  };
  peer.on('message', (bytes, remote) => {
    const request = decodeCommunityMessage(bytes);
    // A reply a test scheduled for later may come due after the test closed the peer.
    scripted.handler(request, remote, (message, from = peer) => {
      if (!closed) from.send(encodeCommunityMessage(message), remote.port, remote.address);
    });
  });
  scripted.port = await listen(peer);
  await listen(other);
  return scripted;
}

/** The reply to `request` carrying `varbinds` (a Response unless `type` says otherwise). */
export function responseTo(request: CommunityMessage, varbinds: VarBind[], type: PduTypeName = 'response'): CommunityMessage {
  return { ...request, pdu: { type, requestId: request.pdu.requestId, errorStatus: 0, errorIndex: 0, varbinds } };
}

/** An OCTET STRING varbind holding `value` as UTF-8. */
export function textVarbind(oid: string, value: string): VarBind {
  return { oid, value: { type: 'OctetString', value: Buffer.from(value) } };
}
