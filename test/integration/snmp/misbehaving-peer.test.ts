import * as netSnmp from 'net-snmp';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSnmpClient } from '../../../src-main/core/snmp/create-snmp-client';
import { createNetSnmpClient } from '../../../src-main/core/snmp/net-snmp-client';
import type { SnmpClient, SnmpTarget } from '../../../src-main/core/snmp/snmp-client';
import { responseTo, startScriptedPeer, textVarbind, type ScriptedPeer } from '../../helpers/scripted-snmp-peer';

/**
 * Peers the simulator does not imitate: a plain UDP socket on loopback that answers from the
 * wrong port, with PDUs net-snmp cannot process, or with walks that go backwards.
 */

let scripted: ScriptedPeer;
let client: SnmpClient;
let target: SnmpTarget;

beforeEach(async () => {
  scripted = await startScriptedPeer();
  target = { host: '127.0.0.1', port: scripted.port, version: 'v2c', timeoutMs: 150, retries: 1 };
  client = createSnmpClient();
});

afterEach(async () => {
  await client.close();
  scripted.close();
});

const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const text = textVarbind;
const response = responseTo;

describe('net-snmp client against misbehaving peers', () => {
  it('ignores a reply that comes from another port of the host, and counts it', async () => {
    scripted.handler = (request, _remote, reply) => reply(response(request, [text(SYS_DESCR, 'spoofed')]), scripted.other);
    await expect(client.get(target, [SYS_DESCR])).rejects.toMatchObject({ code: 'snmp-timeout' });
    expect(client.stats().strayDatagrams).toBe(2); // one per attempt
  });

  it('accepts the same reply from the address and port it asked', async () => {
    scripted.handler = (request, _remote, reply) => reply(response(request, [text(SYS_DESCR, 'genuine')]));
    const [vb] = await client.get(target, [SYS_DESCR]);
    expect(Buffer.from(vb?.value.value as Uint8Array).toString()).toBe('genuine');
  });

  it('fails with snmp-malformed, not a hang, when the peer answers with garbage', async () => {
    scripted.peer.removeAllListeners('message');
    scripted.peer.on('message', (_bytes, remote) => scripted.peer.send(Buffer.from([0x30, 0x05, 0xff, 0xff]), remote.port, remote.address));
    await expect(client.get(target, [SYS_DESCR])).rejects.toMatchObject({ code: 'snmp-malformed' });
  });

  it('settles by its own deadline when a reply makes net-snmp throw (a Report PDU to v2c)', async () => {
    scripted.handler = (request, _remote, reply) => reply(response(request, [], 'report'));
    const started = performance.now();
    await expect(client.get({ ...target, retries: 0 }, [SYS_DESCR])).rejects.toMatchObject({ code: 'snmp-malformed' });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('fails a walk whose agent returns OIDs that go backwards with snmp-malformed', async () => {
    scripted.handler = (request, _remote, reply) => reply(response(request, [text('1.3.6.1.2.1.43.5.1.1.17.1', 'same row forever')]));
    await expect(client.walk(target, '1.3.6.1.2.1.43.5')).rejects.toMatchObject({
      code: 'snmp-malformed',
      message: expect.stringContaining('goes backwards'),
    });
  });

  it('answers noSuchName per varbind for SNMPv1 by asking again without the missing OID', async () => {
    const seen: number[] = [];
    scripted.handler = (request, _remote, reply) => {
      seen.push(request.pdu.varbinds.length);
      const missing = request.pdu.varbinds.findIndex((vb) => vb.oid.endsWith('.99.0'));
      if (missing >= 0) {
        reply({ ...request, pdu: { ...request.pdu, type: 'response', errorStatus: 2, errorIndex: missing + 1 } });
      } else {
        reply(response(request, request.pdu.varbinds.map((vb) => text(vb.oid, 'ok'))));
      }
    };
    const result = await client.get({ ...target, version: 'v1' }, ['1.3.6.1.2.1.1.1.0', '1.3.6.1.2.1.1.99.0', '1.3.6.1.2.1.1.5.0']);
    expect(result.map((vb) => vb.value.type)).toEqual(['OctetString', 'NoSuchObject', 'OctetString']);
    expect(seen).toEqual([3, 2]);
  });
});

describe('own deadline', () => {
  it('rejects with snmp-timeout when net-snmp (the SNMPv3 adapter) never calls back (pitfall 2), sending nothing', async () => {
    await client.close();
    client = createNetSnmpClient();
    const hung = vi.spyOn(netSnmp.Session.prototype, 'get').mockImplementation(function (this: netSnmp.Session) {
      return this;
    });
    try {
      const started = performance.now();
      await expect(client.get({ ...target, retries: 0 }, [SYS_DESCR])).rejects.toMatchObject({
        code: 'snmp-timeout',
        message: expect.stringContaining(`127.0.0.1:${target.port}`),
      });
      expect(performance.now() - started).toBeLessThan(1500);
      expect(client.stats().timeouts).toBe(1);
    } finally {
      hung.mockRestore();
    }
    // The session that lost a request was retired; the next request gets a working one.
    scripted.handler = (request, _remote, reply) => reply(response(request, [text(SYS_DESCR, 'back')]));
    const [vb] = await client.get({ ...target, retries: 0 }, [SYS_DESCR]);
    expect(Buffer.from(vb?.value.value as Uint8Array).toString()).toBe('back');
  });

  it('rejects requests in flight with cancelled when the client closes', async () => {
    scripted.handler = () => undefined; // silent
    const pending = client.get({ ...target, timeoutMs: 5000 }, [SYS_DESCR]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await client.close();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });
});
