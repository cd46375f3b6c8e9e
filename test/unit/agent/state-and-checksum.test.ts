import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { enrolmentToken, UsageError } from '../../../src-main/agent/agent-command';
import { stateFolderAclCommands } from '../../../src-main/agent/agent-state';
import { CupsInstaller } from '../../../src-main/agent/installers';
import { ConsoleLink } from '../../../src-main/agent/console-link';
import { consoleSetFiles, runJob } from '../../../src-main/agent/job-runner';
import { loopbackIppQueue } from '../../helpers/job-queue-builders';

/** The agent's secrets are for SYSTEM and Administrators only on Windows, and a set is never installed unchecked. */

describe('the Windows state folder', () => {
  it('is given to Administrators and stripped of inherited rights with icacls, the folder passed as one argument', () => {
    const dir = 'C:\\ProgramData\\Printdeck\\agent & calc.exe';
    expect(stateFolderAclCommands(dir)).toEqual([
      { program: 'icacls.exe', args: [dir, '/setowner', '*S-1-5-32-544', '/T', '/C', '/Q'] },
      { program: 'icacls.exe', args: [dir, '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F', '/Q'] },
    ]);
  });
});

describe('a set whose manifest checksum is unknown', () => {
  it('is refused before anything is downloaded or installed', async () => {
    const work = mkdtempSync(join(tmpdir(), 'printdeck-checksum-'));
    const queue = loopbackIppQueue({ name: 'Vendor PPD', kind: 'ppd', driverName: 'X', entryFile: 'x.ppd', folder: 'sets/vendor-0000abcd', store: { id: 1, name: 'Main store' } });
    try {
      const report = await runJob({ id: 7, action: 'install', createdAt: 0, queues: [queue] }, new CupsInstaller('linux', '127.0.0.1:9'), join(work, '7'), [], () => 1, consoleSetFiles(new ConsoleLink({ consoleUrl: 'https://127.0.0.1:9', fingerprint: null, certificate: null, caFile: null, key: 'pd_x' })));
      expect(report.ok).toBe(false);
      expect(report.steps).toEqual([{ queueName: 'Floor3', step: 'download', ok: false, message: expect.stringMatching(/^refused: the console sent no SHA-256/) }]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});

describe('the enrolment token', () => {
  it('comes from standard input (--token -) or a file (--token-file), first line trimmed, so it is not in the process list', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'printdeck-token-'));
    try {
      writeFileSync(join(dir, 'token'), '\r\n  pd_from_file  \r\nignored\n');
      const noStdin = (): Promise<string> => Promise.reject(new Error('stdin is not read'));
      expect(await enrolmentToken({ 'token-file': join(dir, 'token') }, noStdin)).toBe('pd_from_file');
      expect(await enrolmentToken({ token: '-' }, () => Promise.resolve('pd_from_stdin\n'))).toBe('pd_from_stdin');
      expect(await enrolmentToken({ token: 'pd_inline' }, noStdin)).toBe('pd_inline');
      expect(await enrolmentToken({}, noStdin)).toBeNull();
      await expect(enrolmentToken({ token: '-' }, () => Promise.resolve('\n'))).rejects.toThrow(/no enrolment token in standard input/);
      await expect(enrolmentToken({ token: 'a', 'token-file': 'b' }, noStdin)).rejects.toThrow(UsageError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
