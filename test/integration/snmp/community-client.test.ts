import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSnmpClient } from '../../../src-main/core/snmp/create-snmp-client';
import type { SnmpClient, SnmpTarget } from '../../../src-main/core/snmp/snmp-client';
import type { CommunityMessage } from '../../../src-shared/snmp/ber/snmp-pdu-codec';
import { responseTo, startScriptedPeer, textVarbind, type ScriptedPeer } from '../../helpers/scripted-snmp-peer';

/**
 * v1/v2c on our own wire code (community-client.ts) against a scripted peer on loopback: what
 * it accepts as the answer to a request, retries, and time that does not count during a stall.
 */

const SYS_DESCR = '1.3.6.1.2.1.1.1.0';
const SYS_NAME = '1.3.6.1.2.1.1.5.0';

let scripted: ScriptedPeer;
let client: SnmpClient;
let target: SnmpTarget;

beforeEach(async () => {
  scripted = await startScriptedPeer();
  target = { host: '127.0.0.1', port: scripted.port, version: 'v2c', community: 'public', timeoutMs: 200, retries: 1 };
  client = createSnmpClient();
});

afterEach(async () => {
  await client.close();
  scripted.close();
});

describe('v1/v2c client on its own wire code', () => {
  it('resends the same message when the first goes unanswered, and takes the answer to the retry', async () => {
    const seen: CommunityMessage[] = [];
    scripted.handler = (request, _remote, reply) => {
      seen.push(request);
      if (seen.length === 2) reply(responseTo(request, [textVarbind(SYS_DESCR, 'second time')]));
    };
    const [vb] = await client.get(target, [SYS_DESCR]);
    expect(Buffer.from(vb?.value.value as Uint8Array).toString()).toBe('second time');
    expect(seen).toHaveLength(2);
    expect(seen[1]?.pdu.requestId).toBe(seen[0]?.pdu.requestId);
  });

  it('takes a late answer to the first attempt while the retry is out', async () => {
    scripted.handler = (request, _remote, reply) => {
      setTimeout(() => reply(responseTo(request, [textVarbind(SYS_DESCR, 'late')])), 300);
    };
    const [vb] = await client.get(target, [SYS_DESCR]);
    expect(Buffer.from(vb?.value.value as Uint8Array).toString()).toBe('late');
  });

  it('fails with snmp-malformed when the answer carries another community or version', async () => {
    scripted.handler = (request, _remote, reply) => reply({ ...responseTo(request, [textVarbind(SYS_DESCR, 'x')]), community: 'other' });
    await expect(client.get(target, [SYS_DESCR])).rejects.toMatchObject({ code: 'snmp-malformed', message: expect.stringContaining('community') });
    scripted.handler = (request, _remote, reply) => reply({ ...responseTo(request, [textVarbind(SYS_DESCR, 'x')]), version: 'v1' });
    await expect(client.get(target, [SYS_DESCR])).rejects.toMatchObject({ code: 'snmp-malformed' });
  });

  it('fails with snmp-malformed when a GET is answered with fewer values than asked', async () => {
    scripted.handler = (request, _remote, reply) => reply(responseTo(request, [textVarbind(SYS_DESCR, 'only one')]));
    await expect(client.get(target, [SYS_DESCR, SYS_NAME])).rejects.toMatchObject({ code: 'snmp-malformed', message: expect.stringContaining('1 values answer 2') });
  });

  it('names the OID the agent blamed in an error-status, with its place in the request', async () => {
    scripted.handler = (request, _remote, reply) => reply({ ...request, pdu: { ...request.pdu, type: 'response', errorStatus: 5, errorIndex: 2 } });
    await expect(client.get(target, [SYS_DESCR, SYS_NAME])).rejects.toMatchObject({
      code: 'snmp-error-status',
      message: expect.stringContaining(`answered genErr (${SYS_NAME})`),
      detail: { errorStatus: 'genErr', errorIndex: 2 },
    });
  });

  it('matches 300 requests in flight to one agent each with its own answer', async () => {
    scripted.handler = (request, _remote, reply) => reply(responseTo(request, request.pdu.varbinds.map((vb) => textVarbind(vb.oid, `answer ${vb.oid}`))));
    const oids = Array.from({ length: 300 }, (_, i) => `1.3.6.1.4.1.99.${i}.0`);
    const answers = await Promise.all(oids.map((oid) => client.get(target, [oid])));
    expect(answers.map(([vb]) => Buffer.from(vb?.value.value as Uint8Array).toString())).toEqual(oids.map((oid) => `answer ${oid}`));
    expect(client.stats()).toMatchObject({ requests: 300, timeouts: 0, sessions: 0, strayDatagrams: 0 });
  });

  it('reads an answer that waited in the socket while the event loop was stalled past the timeout', async () => {
    await client.get({ ...target, retries: 0 }, [SYS_DESCR]).catch(() => undefined); // the socket is open
    scripted.handler = (request, _remote, reply) => {
      reply(responseTo(request, [textVarbind(SYS_DESCR, 'waited')]));
      // Once the answer is on its way, block the event loop for four timeouts (a long store
      // transaction, a garbage collection): timers run first after it, before the socket is read.
      setImmediate(() => {
        const until = performance.now() + 800;
        while (performance.now() < until) {
          // busy: nothing is read from the socket meanwhile
        }
      });
    };
    const [vb] = await client.get({ ...target, retries: 0 }, [SYS_DESCR]);
    expect(Buffer.from(vb?.value.value as Uint8Array).toString()).toBe('waited');
  });

  it('resolves a host name before sending and matches the answer by address', async () => {
    scripted.handler = (request, _remote, reply) => reply(responseTo(request, [textVarbind(SYS_DESCR, 'by name')]));
    const [vb] = await client.get({ ...target, host: 'localhost' }, [SYS_DESCR]);
    expect(Buffer.from(vb?.value.value as Uint8Array).toString()).toBe('by name');
  });
});

describe('closing the v1/v2c client', () => {
  it('cancels a request still resolving its host name, and opens no socket for it afterwards', async () => {
    const fresh = createSnmpClient();
    const pending = fresh.get({ ...target, host: 'localhost' }, [SYS_DESCR]);
    await fresh.close();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fresh.stats().sockets).toBe(0);
  });
});
