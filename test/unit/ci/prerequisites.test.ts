import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/*
 * .ci/prerequisites (run first by `npm test`) and .ci/run share one list of Debian packages,
 * .ci/debian-packages. These tests run the script against a list of their own, with a fake
 * apt-get on PATH that records what it was asked and "installs" by creating the file.
 */

const root = join(__dirname, '..', '..', '..');
const script = join(root, '.ci', 'prerequisites');
const isRoot = process.getuid?.() === 0;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'printdeck-prerequisites-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A package list with one installed package (sh) and one whose file is missing. */
function aList(): { list: string; missingFile: string } {
  const missingFile = join(dir, 'installed-by-fake-package');
  const list = join(dir, 'packages');
  writeFileSync(list, `# comment\n\ndash   sh   the shell\nprintdeck-fake   ${missingFile}   what a test needs\n`);
  return { list, missingFile };
}

/** Puts a fake apt-get first on PATH; its calls go to the returned log. */
function fakeAptGet(createOnInstall: string | null): { path: string; calls: () => string[] } {
  const log = join(dir, 'apt-get.log');
  const bin = join(dir, 'bin');
  spawnSync('mkdir', ['-p', bin]);
  writeFileSync(
    join(bin, 'apt-get'),
    `#!/bin/sh\necho "$DEBIAN_FRONTEND $*" >> '${log}'\n${createOnInstall ? `[ "$1" = install ] && touch '${createOnInstall}'\n` : ''}exit 0\n`,
  );
  chmodSync(join(bin, 'apt-get'), 0o755);
  return { path: `${bin}:${process.env['PATH'] ?? ''}`, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []) };
}

function run(args: string[], env: Record<string, string>) {
  const result = spawnSync('bash', [script, ...args], { encoding: 'utf8', env: { ...process.env, PRINTDECK_PREREQUISITES: '', ...env }, timeout: 20_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the one list of Debian packages', () => {
  const lines = readFileSync(join(root, '.ci', 'debian-packages'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.trim().split(/\s+/));

  it('names each package with the file or program that shows it, and why', () => {
    expect(lines.filter((fields) => fields.length < 3 || !/^(\/|[\w.+-]+$)/.test(fields[1] ?? ''))).toEqual([]);
    const names = lines.map((fields) => fields[0]);
    for (const wanted of ['python3', 'make', 'g++', 'snmp', 'ca-certificates', 'chromium', 'fonts-noto-cjk', 'tshark', 'onesixtyone', 'dovecot-pop3d', 'slapd', 'ldap-utils', 'snmpd']) {
      expect(names).toContain(wanted);
    }
  });

  it('is exactly what .ci/run installs and what npm test checks first', () => {
    const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
    const installs = [...ci.matchAll(/^apt-get install -y --no-install-recommends (.+)$/gm)].map((m) => m[1]?.trim().split(/\s+/));
    expect(installs).toEqual([lines.map((fields) => fields[0])]);
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['pretest']).toBe('bash .ci/prerequisites');
    expect(run(['--list'], {}).stdout.trim().split('\n')).toEqual(lines.map((fields) => fields[0]));
  });
});

describe('.ci/prerequisites', () => {
  it('names what is missing and the exact apt-get line, and fails, when asked only to check', () => {
    const { list, missingFile } = aList();
    const apt = fakeAptGet(missingFile);
    const result = run([], { PRINTDECK_PACKAGES_FILE: list, PRINTDECK_PREREQUISITES: 'check', PATH: apt.path });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${missingFile}`);
    expect(result.stderr).toContain('Debian package printdeck-fake: what a test needs');
    expect(result.stderr).toContain('  sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends printdeck-fake\n');
    expect(result.stderr).not.toContain('dash');
    expect(apt.calls()).toEqual([]);
  });

  it('passes in one line when everything is there', () => {
    const list = join(dir, 'packages');
    writeFileSync(list, 'dash sh the shell\ncoreutils /bin/ls listing');
    const result = run([], { PRINTDECK_PACKAGES_FILE: list });
    expect([result.status, result.stdout]).toEqual([0, expect.stringMatching(/^prerequisites: Node\.js v\d+\.\d+\.\d+ and all 2 Debian packages of \.ci\/debian-packages are installed\n$/)]);
  });

  it.skipIf(!isRoot)('as root, installs what is missing with apt-get, non-interactively, and then passes', () => {
    const { list, missingFile } = aList();
    const apt = fakeAptGet(missingFile);
    const result = run([], { PRINTDECK_PACKAGES_FILE: list, PATH: apt.path });
    expect(result.status).toBe(0);
    expect(apt.calls()).toEqual(['noninteractive update', 'noninteractive install -y --no-install-recommends printdeck-fake']);
  });

  it.skipIf(isRoot)('as another user, never runs apt-get: it says what to run with sudo', () => {
    const { list, missingFile } = aList();
    const apt = fakeAptGet(missingFile);
    const result = run([], { PRINTDECK_PACKAGES_FILE: list, PATH: apt.path });
    expect([result.status, apt.calls()]).toEqual([1, []]);
    expect(result.stderr).toContain('sudo apt-get update && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends printdeck-fake');
  });

  it('fails when apt-get ran but the package still is not there', () => {
    const { list } = aList();
    const apt = fakeAptGet(null);
    const result = run([], { PRINTDECK_PACKAGES_FILE: list, PATH: apt.path });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('printdeck-fake');
  });

  it('--install installs every listed package (what .ci/run does)', () => {
    const { list } = aList();
    const apt = fakeAptGet(null);
    const result = run(['--install'], { PRINTDECK_PACKAGES_FILE: list, PATH: apt.path });
    expect([result.status, apt.calls()]).toEqual([0, ['noninteractive update', 'noninteractive install -y --no-install-recommends dash printdeck-fake']]);
  });

  it('checks nothing with PRINTDECK_PREREQUISITES=skip, and refuses a missing list or an unknown option', () => {
    const { list } = aList();
    expect(run([], { PRINTDECK_PACKAGES_FILE: list, PRINTDECK_PREREQUISITES: 'skip' })).toMatchObject({ status: 0, stdout: 'prerequisites: not checked (PRINTDECK_PREREQUISITES=skip)\n' });
    expect(run([], { PRINTDECK_PACKAGES_FILE: join(dir, 'none') })).toMatchObject({ status: 2, stderr: expect.stringContaining('no package list') });
    expect(run(['--frobnicate'], { PRINTDECK_PACKAGES_FILE: list }).status).toBe(2);
  });
});
