import { Socket } from 'node:net';
import type { SnmpClient } from '../snmp/snmp-client';
import type { SnmpSettings } from '../inventory/credential-settings';

/** Whether something answers on an address (an IP pool never hands such an address out). */
export interface AddressProbe {
  answers(address: string): Promise<boolean>;
}

/** Ports a printer or a PC usually accepts connections on. */
const TCP_PORTS = [9100, 631, 515, 80, 443, 445, 22];
const TCP_WAIT_MS = 400;
const SYS_UP_TIME = '1.3.6.1.2.1.1.3.0';

/**
 * An address answers when an SNMP agent replies (the console's read settings, one short try) or
 * a TCP port of TCP_PORTS accepts a connection. ICMP echo is not used: it needs raw sockets
 * (privileges) and every 127.0.0.0/8 address echoes on loopback; a refused connection does not
 * count either, for the same reason. A host that answers none of these looks free — the pool
 * also never hands out a managed device's address, and remembers what it handed out.
 */
export function networkAddressProbe(snmp: SnmpClient, read: SnmpSettings): AddressProbe {
  return {
    async answers(address) {
      const snmpAnswer = snmp.get({ ...read, host: address, port: 161, timeoutMs: 700, retries: 0 }, [SYS_UP_TIME]).then(
        () => true,
        () => false,
      );
      const results = await Promise.all([snmpAnswer, ...TCP_PORTS.map((port) => tcpAccepts(address, port))]);
      return results.some(Boolean);
    },
  };
}

function tcpAccepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (accepted: boolean): void => {
      socket.destroy();
      resolve(accepted);
    };
    socket.setTimeout(TCP_WAIT_MS, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}
