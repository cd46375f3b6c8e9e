import { createSocket } from 'node:dgram';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { joinNegativeValues } from '../../../src-main/cli/command-args';
import { buildRequest } from '../../../src-main/cli/discover-command';
import { main } from '../../../src-main/cli/main';
import type { CommandIo } from '../../../src-main/cli/poll-command';

/** Runs the CLI in this process; nothing here reaches the network (every case fails before a request). */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CommandIo = { out: (text) => void (out += `${text}\n`), err: (text) => void (err += `${text}\n`) };
  const code = await main(args, io);
  return { code, out, err };
}

describe('negative numbers after an option', () => {
  it('become the option\'s value, so its own range check speaks (not parseArgs\' "ambiguous")', async () => {
    for (const [args, message] of [
      [['poll', '--timeout', '-5', '127.51.0.1'], /--timeout "-5" must be a whole number from 10 to 120000/],
      [['poll', '--retries', '-1', '127.51.0.1'], /--retries "-1" must be a whole number from 0 to 10/],
      [['poll', '--concurrency', '-3', '127.51.0.1'], /--concurrency "-3" must be a whole number from 1 to 4096/],
      [['demo', '--count', '-2'], /count/],
    ] as const) {
      const result = await run([...args]);
      expect(result.code, result.err).toBe(2);
      expect(result.err).toMatch(message);
      expect(result.err).not.toMatch(/ambiguous/);
    }
  });

  it('joins only values of options that take one, and leaves options, flags and what follows "--" alone', () => {
    const options = { timeout: { type: 'string' as const, short: 't' }, json: { type: 'boolean' as const } };
    expect(joinNegativeValues(['--timeout', '-5', '-t', '-0.5', '--json', '-1', '--', '--timeout', '-2'], options)).toEqual([
      '--timeout=-5', '--timeout=-0.5', '--json', '-1', '--', '--timeout', '-2',
    ]);
    expect(joinNegativeValues(['--timeout', '--json'], options)).toEqual(['--timeout', '--json']);
  });
});

describe('--data that cannot be used', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'printdeck-data-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is exit 65 with a sentence, never exit 70 with a stack trace, for every command that takes it', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, 'x');
    for (const args of [['demo', '--rounds', '1', '--data', file], ['poll', '--data', file], ['poll', '--data', join(file, 'below')], ['discover', '127.51.0.1', '--data', file], ['settings', 'get', '127.51.0.1', '--data', file]]) {
      const result = await run(args);
      expect({ code: result.code, out: result.out }, result.err).toEqual({ code: 65, out: '' });
      expect(result.err).toMatch(/--data ".*": (this is a file, not a folder|a file is in the way)/);
      expect(result.err).not.toMatch(/internal error|^\s+at /m);
    }
  });

  it('is exit 65 naming the folder when the database in it cannot be opened', async () => {
    writeFileSync(join(dir, 'printdeck.db'), 'this is not SQLite, it is a text file of quite some length '.repeat(20));
    for (const args of [['poll', '--data', dir], ['demo', '--rounds', '1', '--count', '1', '--data', dir]]) {
      const result = await run(args);
      expect(result.code, result.err).toBe(65);
      expect(result.err).toContain(`cannot open the console's data in "${dir}"`);
      expect(result.err).not.toMatch(/internal error|^\s+at /m);
    }
  });

  it('names a database that cannot be opened before the demo takes its ports (exit 65, also when the port is busy)', async () => {
    writeFileSync(join(dir, 'printdeck.db'), 'not SQLite '.repeat(50));
    const busy = createSocket('udp4');
    await new Promise<void>((resolve) => busy.bind(0, '127.20.0.1', () => resolve()));
    try {
      const result = await run(['demo', '--rounds', '1', '--count', '1', '--port', String(busy.address().port), '--data', dir]);
      expect(result.code, result.err).toBe(65);
      expect(result.err).toContain(`cannot open the console's data in "${dir}"`);
    } finally {
      busy.close();
    }
  });

  it.skipIf(process.platform === 'win32')('creates a missing folder for this user only (0700)', async () => {
    const fresh = join(dir, 'new', 'data');
    const result = await run(['poll', '--data', fresh]);
    expect(result.code, result.err).toBe(0);
    expect(statSync(fresh).mode & 0o777).toBe(0o700);
    expect(statSync(join(fresh, 'printdeck.db')).mode & 0o777).toBe(0o600);
    mkdirSync(join(dir, 'kept'), { mode: 0o755 });
    expect((await run(['poll', '--data', join(dir, 'kept')])).code).toBe(0);
  });
});

describe('discover --file in Shift_JIS', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'printdeck-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fileContent = (args: Record<string, string>) => {
    const method = buildRequest(args as Parameters<typeof buildRequest>[0], []).methods[0];
    return method?.kind === 'addressFile' ? method.content : null;
  };

  it('is read as Shift_JIS when it is not UTF-8, or as the --encoding given', () => {
    const file = join(dir, 'targets.csv');
    const text = 'address,名前\n127.51.0.1,受付\n';
    writeFileSync(file, iconv.encode(text, 'cp932'));
    expect(fileContent({ file })).toBe(text);
    expect(fileContent({ file, encoding: 'sjis' })).toBe(text);
    expect(() => fileContent({ file, encoding: 'utf-8' })).toThrow(/not UTF-8 \(line 1 .*\(or give --encoding\)/);
    expect(() => fileContent({ file, encoding: 'latin1' })).toThrow(/--encoding "latin1" is not one of: auto, utf-8, shift_jis/);
    expect(() => fileContent({ encoding: 'utf-8' })).toThrow(/give --file too/);
  });
});
