import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSnmprec } from '../../../src-main/simulator/snmprec-parser';
import { startSimulator, type Simulator } from '../../../src-main/simulator/simulator';

/**
 * The simulator against an SNMP implementation that is not ours and not net-snmp's npm
 * package: Debian's Net-SNMP command-line tools (package `snmp`, installed by .ci/run). The
 * tools must walk a real recording value for value and speak SNMPv3 authPriv to it.
 */

const run = promisify(execFile);
const haveTools = existsSync('/usr/bin/snmpwalk') && existsSync('/usr/bin/snmpget');
const RECORDING = resolve(__dirname, '../../../../shared/fixtures/printers/snmprec/sharp_mxm266nv.snmprec');
const haveRecording = existsSync(RECORDING);
const USER = { name: 'printdeck', authProtocol: 'sha', authKey: 'authpass123', privProtocol: 'aes', privKey: 'privpass123', level: 'authPriv' } as const;

describe.skipIf(!haveTools || !haveRecording)('interoperability with Debian net-snmp tools', () => {
  let simulator: Simulator;
  let endpoint = '';

  beforeAll(async () => {
    const varbinds = parseSnmprec(readFileSync(RECORDING, 'utf8'), RECORDING);
    simulator = await startSimulator({
      devices: [{ name: 'sharp', varbinds, v3Users: [USER] }],
      baseAddress: '127.47.0.1',
      port: 0,
    });
    const device = simulator.devices[0];
    endpoint = `udp:${device?.address}:${device?.port}`;
  });

  afterAll(async () => {
    await simulator?.close();
  });

  it('snmpwalk -v2c returns every value of the recording, in order (plus the agent\'s own SNMP engine objects)', async () => {
    const { stdout } = await run('snmpwalk', ['-v2c', '-c', 'public', '-On', '-Oe', '-t', '2', '-r', '1', endpoint, '.1'], { timeout: 20_000 });
    // Long hex values wrap onto continuation lines; every value starts a line with its OID.
    const walked = stdout
      .split('\n')
      .filter((line) => /^\.\d[\d.]* = /.test(line) && !line.includes('No more variables'))
      .map((line) => line.slice(1, line.indexOf(' = ')))
      // The simulator also serves SNMP-FRAMEWORK-MIB engine objects (snmpEngineID …), as agents do.
      .filter((oid) => !oid.startsWith('1.3.6.1.6.3.'));
    const recorded = parseSnmprec(readFileSync(RECORDING, 'utf8'), RECORDING)
      .map((vb) => vb.oid)
      .filter((oid) => !oid.startsWith('1.3.6.1.6.3.'));
    expect(walked).toEqual(recorded);
  });

  it('snmpget -v3 authPriv (SHA/AES) reads sysDescr', async () => {
    const { stdout } = await run(
      'snmpget',
      ['-v3', '-l', 'authPriv', '-u', USER.name, '-a', 'SHA', '-A', USER.authKey, '-x', 'AES', '-X', USER.privKey, '-t', '2', '-r', '1', '-Ov', endpoint, '1.3.6.1.2.1.1.1.0'],
      { timeout: 20_000 },
    );
    expect(stdout).toContain('SHARP MX-M266NV');
  });

  it('snmpget -v3 with a wrong key is refused with an authentication error', async () => {
    const attempt = run(
      'snmpget',
      ['-v3', '-l', 'authPriv', '-u', USER.name, '-a', 'SHA', '-A', 'wrongpass123', '-x', 'AES', '-X', USER.privKey, '-t', '1', '-r', '0', endpoint, '1.3.6.1.2.1.1.1.0'],
      { timeout: 20_000 },
    );
    await expect(attempt).rejects.toMatchObject({ stderr: expect.stringMatching(/[Aa]uthentication failure|wrong digest/) });
  });
});
