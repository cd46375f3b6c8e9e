import { describe, expect, it } from 'vitest';
import { closestOption, editDistance } from '../../../src-main/cli/closest-option';
import { main } from '../../../src-main/cli/main';
import type { CommandIo } from '../../../src-main/cli/poll-command';

async function run(args: string[]): Promise<{ code: number; err: string }> {
  let err = '';
  const io: CommandIo = { out: () => undefined, err: (text) => void (err += `${text}\n`) };
  return { code: await main(args, io), err };
}

describe('an unknown option names the closest known one', () => {
  it('measures edits and picks the nearest close option, or none', () => {
    expect(editDistance('jsn', 'json')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    const known = ['json', 'data', 'community', 'timeout', 'retries', 'version'];
    expect(closestOption('jsn', known)).toBe('json');
    expect(closestOption('josn', known)).toBe('json');
    expect(closestOption('comunity', known)).toBe('community');
    expect(closestOption('timout', known)).toBe('timeout');
    expect(closestOption('ver', known)).toBe('version');
    expect(closestOption('frobnicate', known)).toBeNull();
  });

  it.each([
    [['poll', '127.0.0.1', '--jsn'], /printdeck poll: unknown option "--jsn" — did you mean --json\?\nRun "printdeck poll --help" for its options\./],
    [['discover', '127.0.0.1', '--comunity', 'x'], /unknown option "--comunity" — did you mean --community\?/],
    [['users', 'list', '--dta', '/tmp/x'], /unknown option "--dta" — did you mean --data\?/],
  ])('%j exits 2 with the suggestion', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(message);
  });

  it('says only "unknown option" when nothing is close', async () => {
    const result = await run(['poll', '127.0.0.1', '--frobnicate']);
    expect(result.code).toBe(2);
    expect(result.err).toContain('unknown option "--frobnicate"\n');
    expect(result.err).not.toContain('did you mean');
  });
});

describe('help says where results are kept', () => {
  it.each(['discover', 'poll'])('printdeck %s --help names what happens without --data and the console\'s folder', async (command) => {
    let out = '';
    await main(['help', command], { out: (text) => void (out += text), err: () => undefined });
    expect(out).toMatch(/Without --data nothing is kept|without --data nowhere/);
    expect(out).toMatch(/The console \(printdeck serve\) keeps its store in\s+(\$XDG_DATA_HOME|~|%APPDATA%)/);
  });
});
