import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AgentProcess } from './agent-process';

/** `printdeck agent` on the command line, before and without a console: usage, not enrolled, the service file. */

const work = mkdtempSync(join(tmpdir(), 'printdeck-agent-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('printdeck agent (command line)', () => {
  it('says what is missing: options (exit 2), enrolment (exit 1)', async () => {
    const unknown = await AgentProcess.run(['enrol', '--consol', 'https://x']);
    expect(unknown.code).toBe(2);
    expect(unknown.output).toMatch(/Unknown option '--consol'.*\n.*printdeck agent --help/);
    const missing = await AgentProcess.run(['enrol', '--console', 'https://x']);
    expect(missing).toMatchObject({ code: 2, output: expect.stringMatching(/--console and --token are required/) });
    const notEnrolled = await AgentProcess.run(['status', '--state', join(work, 'state')]);
    expect(notEnrolled).toMatchObject({ code: 1, output: expect.stringMatching(/not enrolled .*run "printdeck agent enrol" first/) });
    const plainHttp = await AgentProcess.run(['enrol', '--console', 'http://127.0.0.1:1', '--token', 'pd_x', '--state', join(work, 'state')]);
    expect(plainHttp.output).toMatch(/must be https:\/\//);
    expect((await AgentProcess.run(['--help'])).output).toMatch(/^printdeck agent — installs the print queues/);
  }, 60_000);

  it('install-service writes the systemd unit that runs this agent with its state folder', async () => {
    const unitDir = join(work, 'units');
    const state = join(work, 'state with space');
    const result = await AgentProcess.run(['install-service', '--state', state, '--unit-dir', unitDir, '--no-start']);
    expect(result).toMatchObject({ code: 0, output: `wrote ${join(unitDir, 'printdeck-agent.service')}\n` });
    const unit = readFileSync(join(unitDir, 'printdeck-agent.service'), 'utf8');
    expect(unit).toContain(`"agent" "run" "--state" "${state}"`);
    expect(unit).toContain(`ExecStart="${process.execPath}"`);
    expect(existsSync(join(unitDir, 'printdeck-agent.service'))).toBe(true);
  }, 60_000);
});
