import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** The project root (the agent runs its TypeScript through tsx, as `printdeck agent` would run the built file). */
export const ROOT = resolve(__dirname, '../../../..');
const ENTRY = resolve(ROOT, 'src-main/agent/agent-bin.ts');

/** A `printdeck agent …` process with its output so far. */
export class AgentProcess {
  output = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(args: readonly string[]) {
    this.child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stdout?.setEncoding('utf8').on('data', (t: string) => (this.output += t));
    this.child.stderr?.setEncoding('utf8').on('data', (t: string) => (this.output += t));
    this.exited = new Promise((done) => this.child.once('close', (code) => done(code)));
  }

  /** Runs to its end: exit code and output. */
  static async run(args: readonly string[]): Promise<{ code: number | null; output: string }> {
    const agent = new AgentProcess(args);
    const code = await agent.exited;
    return { code, output: agent.output };
  }

  async waitFor(pattern: RegExp, timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (let i = 0; i < 1_000 && Date.now() < until; i++) {
      if (pattern.test(this.output)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the agent did not print ${pattern} within ${timeoutMs} ms:\n${this.output}`);
  }

  /** SIGTERM by its PID (the agent stops its loop), SIGKILL after 5 s. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    this.child.kill('SIGTERM');
    await this.exited;
    clearTimeout(timer);
  }
}
