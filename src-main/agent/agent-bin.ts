import { agentCommand } from './agent-command';

/**
 * The agent's own entry point: `node agent-bin.js <enrol|run|install-service|status> …`, the same
 * as `printdeck agent …` without the console's code loaded (what a client PC runs).
 */
void agentCommand(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then((code) => {
  process.exitCode = code;
});
