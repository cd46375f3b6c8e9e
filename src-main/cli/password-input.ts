import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliError, EXIT } from './cli-error';

/** Where a command reads a password from: the process's stdin, or a stream a test gives. */
export interface PasswordInput {
  stream: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Where prompts go (never stdout: a script may read that). */
  prompt: NodeJS.WritableStream;
}

export const processPasswordInput = (): PasswordInput => ({ stream: process.stdin, prompt: process.stderr });

const MAX_PASSWORD_CHARS = 1024;

/**
 * A new password: with `fromStdin` (--password-stdin) the first line of the input; else, on a
 * terminal, typed twice without echo. Without either there is nobody to ask: exit 2 naming
 * --password-stdin. Never logs or echoes the password.
 */
export async function readNewPassword(input: PasswordInput, fromStdin: boolean, who: string): Promise<string> {
  if (fromStdin) {
    const line = await readLine(input.stream);
    if (line === null || line === '') throw new CliError('--password-stdin: no password on the standard input (one line expected)');
    return checked(line);
  }
  if (input.stream.isTTY !== true) throw new CliError('the standard input is not a terminal: pass --password-stdin and write the password as one line to it');
  const [first = '', second = ''] = await readHidden(input, [`New password for ${who}: `, 'Type it again: ']);
  if (first !== second) throw new CliError('the two passwords differ; nothing was changed');
  if (first === '') throw new CliError('no password typed; nothing was changed');
  return checked(first);
}

function checked(password: string): string {
  if ([...password].length > MAX_PASSWORD_CHARS) throw new CliError(`the password is longer than ${MAX_PASSWORD_CHARS} characters`);
  return password;
}

/** The first line of a stream (without its line ending), or null when it ends before any text. */
export function readLine(stream: NodeJS.ReadableStream): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: stream, crlfDelay: Infinity, terminal: false });
    let settled = false;
    lines.once('line', (line) => {
      settled = true;
      lines.close();
      resolve(line);
    });
    lines.once('close', () => {
      if (!settled) resolve(null);
    });
    stream.once('error', (error: Error) => {
      if (!settled) reject(new CliError(`cannot read the standard input: ${error.message}`, EXIT.dataError));
    });
  });
}

/**
 * Lines typed on a terminal with echo off, one per prompt: readline writes what it echoes to a
 * stream that swallows it, while the prompts go to `input.prompt`. Ctrl+C or Ctrl+D give up (exit 2).
 */
export function readHidden(input: PasswordInput, prompts: readonly string[]): Promise<string[]> {
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: input.stream, output: muted, terminal: true });
    const answers: string[] = [];
    const ask = (): void => void input.prompt.write(prompts[answers.length] ?? '');
    lines.on('line', (line) => {
      input.prompt.write('\n');
      answers.push(line);
      if (answers.length < prompts.length) ask();
      else lines.close();
    });
    lines.once('SIGINT', () => lines.close());
    lines.once('close', () => {
      if (answers.length === prompts.length) resolve(answers);
      else {
        input.prompt.write('\n');
        reject(new CliError('no password typed; nothing was changed'));
      }
    });
    ask();
  });
}
