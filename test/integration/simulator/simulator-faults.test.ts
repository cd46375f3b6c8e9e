import { createSocket, type Socket } from 'node:dgram';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator, type SimulatedDeviceSpec } from '../../../src-main/simulator/simulator';
import { decodeCommunityMessage, encodeCommunityMessage } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import { close, get, getNext, v2cSession, type Endpoint } from './net-snmp-manager';

const DEVICE: SimulatedDeviceSpec = {
  name: 'faulty',
  varbinds: Array.from({ length: 10 }, (_, i) => ({ oid: `1.3.6.1.2.1.43.11.1.1.9.1.${i + 1}`, value: { type: 'Integer' as const, value: 10 * i } })),
};

function getRequest(requestId: number): Uint8Array {
  return encodeCommunityMessage({
    version: 'v2c',
    community: 'public',
    pdu: { type: 'getRequest', requestId, errorStatus: 0, errorIndex: 0, varbinds: [{ oid: '1.3.6.1.2.1.43.11.1.1.9.1.1', value: { type: 'Null', value: null } }] },
  });
}

/** A plain UDP client that keeps every datagram it receives. */
class RawClient {
  readonly replies: Buffer[] = [];
  private socket: Socket = createSocket('udp4');

  async open(): Promise<this> {
    this.socket.on('message', (msg) => this.replies.push(msg));
    await new Promise<void>((resolve) => this.socket.bind(0, '127.0.0.1', resolve));
    return this;
  }

  send(to: Endpoint, message: Uint8Array): void {
    this.socket.send(message, to.port, to.address);
  }

  /** Waits until `count` replies arrived or `quietMs` passed without one. */
  async settle(count: number, quietMs = 300): Promise<void> {
    let seen = -1;
    for (let i = 0; i < 100 && this.replies.length < count && this.replies.length !== seen; i++) {
      seen = this.replies.length;
      await new Promise((r) => setTimeout(r, quietMs));
    }
  }

  close(): void {
    this.socket.close();
  }
}

async function answeredIds(seed: number, requests: number): Promise<number[]> {
  const sim = await startSimulator({ devices: [{ ...DEVICE, faults: { dropPercent: 30 } }], baseAddress: '127.42.1.1', port: 0, seed });
  const client = await new RawClient().open();
  try {
    const at = sim.devices[0] as Endpoint;
    // In batches, so that a burst cannot overflow the device's socket buffer (that would be loss, not a fault).
    for (let id = 1; id <= requests; id++) {
      client.send(at, getRequest(id));
      if (id % 50 === 0) await expect.poll(() => sim.stats().requests, { interval: 5 }).toBe(id);
    }
    await client.settle(requests);
    expect(sim.stats()).toMatchObject({ requests, responses: client.replies.length, dropped: requests - client.replies.length });
    return client.replies.map((r) => decodeCommunityMessage(r).pdu.requestId).sort((a, b) => a - b);
  } finally {
    client.close();
    await sim.close();
  }
}

let sim: Simulator;
let at: Endpoint;

beforeAll(async () => {
  sim = await startSimulator({ devices: [DEVICE], baseAddress: '127.42.0.1', port: 0 });
  at = sim.devices[0] as Endpoint;
});

afterEach(() => {
  sim.device('faulty').setFaults({ silent: false, dropPercent: 0, delayMs: 0, malformed: false, truncate: false, wrongRequestId: false, disappearAfterRequests: null });
});

afterAll(async () => {
  await sim?.close();
});

describe('fault injection', () => {
  it('silent: no answer at all', async () => {
    sim.device('faulty').setFaults({ silent: true });
    const session = v2cSession(at, 'public', { timeout: 300 });
    try {
      await expect(get(session, ['1.3.6.1.2.1.43.11.1.1.9.1.1'])).rejects.toThrow(/timed out/i);
    } finally {
      close(session);
    }
  });

  it('dropPercent: about that share of 300 requests goes unanswered, the same ones for the same seed', async () => {
    const first = await answeredIds(9, 300);
    const again = await answeredIds(9, 300);
    const other = await answeredIds(10, 300);
    expect(first.length).toBeGreaterThan(300 * 0.6);
    expect(first.length).toBeLessThan(300 * 0.8);
    expect(again).toEqual(first);
    expect(other).not.toEqual(first);
  });

  it('delayMs: the answer comes no sooner than the delay', async () => {
    sim.device('faulty').setFaults({ delayMs: 150 });
    const session = v2cSession(at);
    try {
      const started = performance.now();
      await get(session, ['1.3.6.1.2.1.43.11.1.1.9.1.1']);
      expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    } finally {
      close(session);
    }
  });

  it.each([
    ['malformed', { malformed: true }],
    ['truncate', { truncate: true }],
  ])('%s: a reply arrives but does not decode', async (_name, faults) => {
    sim.device('faulty').setFaults(faults);
    const client = await new RawClient().open();
    try {
      client.send(at, getRequest(5));
      await client.settle(1);
      expect(client.replies).toHaveLength(1);
      expect(() => decodeCommunityMessage(client.replies[0] as Buffer)).toThrow();
    } finally {
      client.close();
    }
  });

  it('wrongRequestId: the reply carries another request-id, so a manager times out', async () => {
    sim.device('faulty').setFaults({ wrongRequestId: true });
    const client = await new RawClient().open();
    const session = v2cSession(at, 'public', { timeout: 300 });
    try {
      client.send(at, getRequest(1000));
      await client.settle(1);
      expect(decodeCommunityMessage(client.replies[0] as Buffer).pdu.requestId).toBe(1001);
      await expect(get(session, ['1.3.6.1.2.1.43.11.1.1.9.1.1'])).rejects.toThrow(/timed out/i);
    } finally {
      client.close();
      close(session);
    }
  });

  it('disappearAfterRequests: a walk gets three answers, then the device is gone', async () => {
    sim.device('faulty').setFaults({ disappearAfterRequests: 3 });
    const session = v2cSession(at, 'public', { timeout: 300 });
    try {
      let oid = '1.3.6.1.2.1.43.11.1.1.9';
      for (let i = 1; i <= 3; i++) {
        oid = (await getNext(session, [oid]))[0]?.oid ?? '';
        expect(oid).toBe(`1.3.6.1.2.1.43.11.1.1.9.1.${i}`);
      }
      await expect(getNext(session, [oid])).rejects.toThrow(/timed out/i);
    } finally {
      close(session);
    }
  });
});
