import type { Socket } from 'node:dgram';
import { isIP } from 'node:net';
import { readCommunityRequest } from './request-reader';
import { encodeCommunityMessage, notificationVarbinds, PDU_TYPE } from '../../src-shared/snmp/ber/snmp-pdu-codec';
import type { SimTrapOptions } from './simulator-types';

/**
 * SNMPv2-Trap and InformRequest from one device's current socket (so they come from its address),
 * and the bookkeeping that matches an inform's acknowledgement to its request-id.
 */
export class NotificationSender {
  private readonly pending = new Map<number, () => void>();
  private nextRequestId: number;

  constructor(
    /** The device's socket now (it changes when the device moves). */
    private readonly socket: () => Socket,
    private readonly deviceName: string,
    firstRequestId: number,
    private readonly allowNonLoopback: boolean,
  ) {
    this.nextRequestId = (Math.abs(firstRequestId) % 0x3fffffff) + 1;
  }

  /** True while informs wait for their acknowledgement. */
  get waiting(): boolean {
    return this.pending.size > 0;
  }

  /** Sends; resolves once sent (trap) or acknowledged (inform); rejects on timeout or a non-loopback receiver. */
  send(options: SimTrapOptions, uptimeTicks: number): Promise<void> {
    if (!this.allowNonLoopback && !isLoopback(options.host)) {
      return Promise.reject(new RangeError(`trap receiver ${options.host} is not a loopback address`));
    }
    const requestId = this.nextRequestId;
    this.nextRequestId = (this.nextRequestId % 0x7ffffffe) + 1;
    const message = encodeCommunityMessage({
      version: 'v2c',
      community: options.community ?? 'public',
      pdu: {
        type: options.inform ? 'informRequest' : 'trapV2',
        requestId,
        errorStatus: 0,
        errorIndex: 0,
        varbinds: notificationVarbinds(uptimeTicks, options.trapOid, options.varbinds),
      },
    });
    const port = options.port ?? 162;
    return new Promise((resolve, reject) => {
      if (options.inform) {
        const timer = setTimeout(() => {
          this.pending.delete(requestId);
          reject(new Error(`${this.deviceName}: inform ${requestId} to ${options.host}:${port} not acknowledged`));
        }, options.timeoutMs ?? 2000);
        this.pending.set(requestId, () => {
          clearTimeout(timer);
          resolve();
        });
      }
      this.socket().send(message, port, options.host, (error) => {
        if (error) reject(error);
        else if (!options.inform) resolve();
      });
    });
  }

  /** Settles the inform `msg` acknowledges; false when `msg` is not such a Response. */
  acknowledge(msg: Buffer): boolean {
    if (this.pending.size === 0) return false;
    try {
      const { pdu } = readCommunityRequest(msg);
      if (pdu.tag !== PDU_TYPE.response) return false;
      this.pending.get(pdu.requestId)?.();
      this.pending.delete(pdu.requestId);
      return true;
    } catch {
      return false;
    }
  }

  /** Stops waiting for acknowledgements: pending informs reject when their timeout passes. */
  cancelAll(): void {
    this.pending.clear();
  }
}

/** 127.0.0.0/8 or ::1. */
export function isLoopback(address: string): boolean {
  return (isIP(address) === 4 && address.startsWith('127.')) || address === '::1';
}
