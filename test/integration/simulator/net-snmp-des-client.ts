/**
 * Runs net-snmp v3 GETs in a child process started with --openssl-legacy-provider: net-snmp
 * encrypts DES with OpenSSL's des-cbc, which Node 20's default provider no longer offers.
 * Input: one JSON argument { address, port, oid, users }; output: one JSON line of results.
 */
import { close, get, v3Session, type V3User } from './net-snmp-manager';

interface Input {
  address: string;
  port: number;
  oid: string;
  users: V3User[];
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as Input;
  const results: Array<{ user: string; value?: string; error?: string }> = [];
  for (const user of input.users) {
    const session = v3Session(input, user);
    try {
      const [vb] = await get(session, [input.oid]);
      results.push({ user: user.name, value: vb?.value.type === 'OctetString' ? Buffer.from(vb.value.value).toString() : vb?.value.type });
    } catch (error) {
      results.push({ user: user.name, error: error instanceof Error ? error.message : String(error) });
    } finally {
      close(session);
    }
  }
  process.stdout.write(`${JSON.stringify(results)}\n`);
}

void main();
