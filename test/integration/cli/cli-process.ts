import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The project root: tests spawn the built bin from here, as a user's shell would. */
export const PROJECT_ROOT = resolve(__dirname, '../../..');
const BIN = join(PROJECT_ROOT, 'bin', 'printdeck.js');
const BUILT_ENTRY = join(PROJECT_ROOT, 'dist', 'src-main', 'cli', 'main.js');

/** Real-printer recordings shared by all engineers; read in place, copied only to temp dirs. */
export const FIXTURE_SNMPREC_DIR = resolve(PROJECT_ROOT, '../shared/fixtures/printers/snmprec');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Throws with the command to run when dist/ is missing, instead of a confusing exit code 70. */
export function requireBuiltCli(): void {
  if (!existsSync(BUILT_ENTRY)) throw new Error(`${BUILT_ENTRY} is missing: run \`npx tsc -b src-shared src-main\` (npm test builds first)`);
}

/** A running `printdeck` child with its output so far. */
export class CliProcess {
  stdout = '';
  stderr = '';
  private readonly child: ChildProcess;
  private readonly exited: Promise<CliResult>;
  private finished: CliResult | null = null;

  /** `input`: written to the child's stdin, which then ends (default: no stdin at all). */
  constructor(readonly args: readonly string[], options: { input?: string } = {}) {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: PROJECT_ROOT, stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    this.child = child;
    // A child that exits before reading its input is no failure of the test.
    child.stdin?.on('error', () => undefined);
    if (options.input !== undefined) child.stdin?.end(options.input);
    child.stdout?.setEncoding('utf8').on('data', (text: string) => (this.stdout += text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (this.stderr += text));
    this.exited = new Promise((resolveExit, rejectExit) => {
      child.once('error', rejectExit);
      // 'close' (not 'exit') so that all of stdout and stderr has been read.
      child.once('close', (code, signal) => {
        this.finished = { code, signal, stdout: this.stdout, stderr: this.stderr };
        resolveExit(this.finished);
      });
    });
  }

  /** Resolves when stdout matches `pattern`; rejects (showing the output so far) on exit or after timeoutMs. */
  waitForStdout(pattern: RegExp, timeoutMs: number): Promise<string> {
    return new Promise((resolveWait, rejectWait) => {
      const check = (): boolean => {
        if (!pattern.test(this.stdout)) return false;
        done();
        resolveWait(this.stdout);
        return true;
      };
      const timer = setTimeout(() => {
        done();
        rejectWait(new Error(`printdeck ${this.args.join(' ')}: no ${String(pattern)} on stdout within ${timeoutMs} ms\nstdout: ${this.stdout}\nstderr: ${this.stderr}`));
      }, timeoutMs);
      const onData = (): void => void check();
      const onClose = (): void => {
        if (check()) return;
        done();
        rejectWait(new Error(`printdeck ${this.args.join(' ')} exited before printing ${String(pattern)}\nstdout: ${this.stdout}\nstderr: ${this.stderr}`));
      };
      const done = (): void => {
        clearTimeout(timer);
        this.child.stdout?.off('data', onData);
        this.child.off('close', onClose);
      };
      this.child.stdout?.on('data', onData);
      this.child.once('close', onClose);
      if (this.finished) onClose();
      else void check();
    });
  }

  /** Waits for the child to end; kills it with SIGKILL and rejects after timeoutMs. */
  async finish(timeoutMs: number): Promise<CliResult> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, rejectDeadline) => {
      timer = setTimeout(() => {
        this.kill();
        rejectDeadline(new Error(`printdeck ${this.args.join(' ')} still running after ${timeoutMs} ms\nstdout: ${this.stdout}\nstderr: ${this.stderr}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends `signal` (SIGINT: what Ctrl+C sends) to the child. */
  signal(signal: NodeJS.Signals): void {
    if (this.finished === null) this.child.kill(signal);
  }

  /** Ends the child at once if it still runs (test clean-up). */
  kill(): void {
    if (this.finished === null) this.child.kill('SIGKILL');
  }
}

/** Runs `printdeck ...args` to its end (with `input` on stdin); kills it and rejects when it takes longer than timeoutMs. */
export function runCli(args: readonly string[], timeoutMs = 15_000, options: { input?: string } = {}): Promise<CliResult> {
  return new CliProcess(args, options).finish(timeoutMs);
}

/** A UDP port nobody uses on `address` right now (the system picks it; closed before returning). */
export function freeUdpPort(address: string): Promise<number> {
  return new Promise((resolvePort, rejectPort) => {
    const socket = createSocket('udp4');
    socket.once('error', rejectPort);
    socket.bind(0, address, () => {
      const { port } = socket.address();
      socket.close(() => resolvePort(port));
    });
  });
}

/** The result as one text block, for assertion messages: a failing test shows what the command said. */
export function describeResult(result: CliResult): string {
  return `exit ${String(result.code)}${result.signal ? ` (${result.signal})` : ''}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}
