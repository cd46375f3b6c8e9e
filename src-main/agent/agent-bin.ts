import { agentCommand } from './agent-command';

/**
 * The agent's own entry point: `node agent-bin.js [agent] <enrol|run|install-service|status> …`,
 * the same as `printdeck agent …` without the console's code loaded (what a client PC runs). A
 * leading "agent" is taken as `printdeck agent` would be, so commands written for printdeck work.
 */
const args = process.argv.slice(2);
void agentCommand(args[0] === 'agent' ? args.slice(1) : args, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then((code) => {
  process.exitCode = code;
});
