import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readNewPassword, type PasswordInput } from '../../../src-main/cli/password-input';

/** A fake terminal: what the user types goes in, whatever is written to it is collected. */
function terminal(isTTY: boolean): { input: PasswordInput; type(text: string): void; shown(): string } {
  const stream = Object.assign(new PassThrough(), { isTTY });
  const prompt = new PassThrough();
  let shown = '';
  prompt.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
  return { input: { stream, prompt }, type: (text) => void stream.write(text), shown: () => shown };
}

/** Waits until the prompt shows `text` (the prompts come one after the other). */
async function until(shown: () => string, text: string): Promise<void> {
  for (let i = 0; i < 100 && !shown().includes(text); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  if (!shown().includes(text)) throw new Error(`the prompt never showed "${text}"; it showed: ${JSON.stringify(shown())}`);
}

describe('reading a new password', () => {
  it('on a terminal: asks twice without echoing what is typed', async () => {
    const tty = terminal(true);
    const password = readNewPassword(tty.input, false, 'alice');
    await until(tty.shown, 'New password for alice: ');
    tty.type('s3cret-Pa55word\r');
    await until(tty.shown, 'Type it again: ');
    tty.type('s3cret-Pa55word\r');
    await expect(password).resolves.toBe('s3cret-Pa55word');
    expect(tty.shown()).toBe('New password for alice: \nType it again: \n');
  });

  it('on a terminal: refuses two different passwords, changing nothing', async () => {
    const tty = terminal(true);
    const password = readNewPassword(tty.input, false, 'alice');
    await until(tty.shown, 'New password for alice: ');
    tty.type('first-password\r');
    await until(tty.shown, 'Type it again: ');
    tty.type('other-password\r');
    await expect(password).rejects.toMatchObject({ name: 'CliError', exitCode: 2, message: 'the two passwords differ; nothing was changed' });
    expect(tty.shown()).not.toContain('first-password');
  });

  it('on a terminal: Ctrl+D before an answer gives up', async () => {
    const tty = terminal(true);
    const password = readNewPassword(tty.input, false, 'alice');
    await until(tty.shown, 'New password for alice: ');
    tty.type('\u0004');
    await expect(password).rejects.toMatchObject({ exitCode: 2, message: 'no password typed; nothing was changed' });
  });

  it('with --password-stdin: the first line, without its line ending', async () => {
    const piped = terminal(false);
    const password = readNewPassword(piped.input, true, 'alice');
    piped.type('from-a-pipe-password\r\nsecond line\n');
    await expect(password).resolves.toBe('from-a-pipe-password');
    expect(piped.shown(), 'no prompt when reading a pipe').toBe('');
  });

  it('with --password-stdin and an empty input: exit 2 naming the option', async () => {
    const piped = terminal(false);
    const password = readNewPassword(piped.input, true, 'alice');
    (piped.input.stream as PassThrough).end();
    await expect(password).rejects.toMatchObject({ exitCode: 2, message: '--password-stdin: no password on the standard input (one line expected)' });
  });

  it('neither a terminal nor --password-stdin: exit 2 naming --password-stdin', async () => {
    await expect(readNewPassword(terminal(false).input, false, 'alice')).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('pass --password-stdin') });
  });
});
