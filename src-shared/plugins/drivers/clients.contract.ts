import { z } from 'zod';
import { change, view } from '../../auth/access';
import { method } from '../../rpc/contract-builder';
import { CLIENTS_FUNCTION, clientGroupInputSchema, clientGroupSchema, clientInputSchema, clientSchema, csvProblemSchema, enrolmentTokenSchema } from './client-pc';
import { sshLoginInputSchema, sshLoginSchema } from './agent-install';
import { consoleUrlSchema } from './console-url';
import { fingerprintSchema } from './text-checks';
import { queueJobSchema } from './queue-push';

/** Client PCs, their groups, enrolment tokens and agents ("drivers.clients.*"). */
const id = z.number().int().positive();

/** An enrolment token is valid for at most this long. */
export const MAX_TOKEN_HOURS = 24 * 30;
/** Agents a quick-install line enrols unless told otherwise: a line pasted into a chat stays usable by few (it expires after 24 h too). */
export const QUICK_INSTALL_USES = 5;

export const clientsContract = {
  list: method(z.object({}), z.object({ clients: z.array(clientSchema) }), 'Every client PC by name: OS, agent version, last contact, protected print mode, installed Printdeck queues, jobs waiting.', view(CLIENTS_FUNCTION)),
  save: method(z.object({ id: id.optional(), client: clientInputSchema }), clientSchema, "Adds (no id) or changes a client PC. 'conflict' when the name is taken.", change(CLIENTS_FUNCTION)),
  remove: method(z.object({ ids: z.array(id).min(1).max(100_000) }), z.object({ removed: z.number().int() }), 'Forgets client PCs (their agents can no longer connect; queued jobs are cancelled). Unknown ids are no error.', change(CLIENTS_FUNCTION)),
  importCsv: method(
    z.object({ text: z.string().max(20 * 1024 * 1024), dryRun: z.boolean().default(false) }),
    z.object({ ok: z.boolean(), added: z.number().int(), updated: z.number().int(), problems: z.array(csvProblemSchema) }),
    'Registers client PCs from CSV (a header row with name and os; address and site optional; "," or ";"). A row whose name is known updates that PC. Any problem imports nothing: every problem is listed with its line.',
    change(CLIENTS_FUNCTION),
  ),
  groups: method(z.object({}), z.object({ groups: z.array(clientGroupSchema) }), 'Client groups by name with their members now (smart groups resolved).', view(CLIENTS_FUNCTION)),
  saveGroup: method(z.object({ id: id.optional(), group: clientGroupInputSchema }), clientGroupSchema, "Adds or changes a static group (its members) or a smart group (a filter on OS, name and site). 'conflict' when the name is taken, 'invalid-argument' for an unknown member.", change(CLIENTS_FUNCTION)),
  removeGroup: method(z.object({ id }), z.object({}), 'Deletes a client group (its PCs stay). An unknown id is no error.', change(CLIENTS_FUNCTION)),
  createEnrolmentToken: method(
    z.object({
      label: z.string().trim().max(100).default(''),
      validHours: z.number().min(0.1).max(MAX_TOKEN_HOURS).default(24),
      uses: z.number().int().min(1).max(100_000).default(1),
      /** For this client PC only: it may enrol that PC again while it has an agent, and no other name. */
      clientId: id.optional(),
    }),
    z.object({ token: enrolmentTokenSchema, secret: z.string() }),
    "A new enrolment token: its secret is shown this once (stored hashed); it expires, and allows `uses` agents to enrol. No token enrols under the name of a PC that has an agent, except one made for that PC (clientId) — or forget the PC's agent first (revokeAgent). 'not-found' for an unknown clientId.",
    change(CLIENTS_FUNCTION),
  ),
  enrolmentTokens: method(z.object({}), z.object({ tokens: z.array(enrolmentTokenSchema) }), 'Enrolment tokens not expired and not used up (never their secrets).', view(CLIENTS_FUNCTION)),
  revokeEnrolmentToken: method(z.object({ id }), z.object({}), 'Withdraws an enrolment token; an unknown id is no error.', change(CLIENTS_FUNCTION)),
  quickInstall: method(
    z.object({
      /** The address agents reach the console at ("https://printdeck.example.com:8443"). */
      consoleUrl: consoleUrlSchema,
      /** SHA-256 fingerprint of the console's certificate (printed by `printdeck serve`); left out: the agent trusts the system's CAs. */
      fingerprint: fingerprintSchema.optional(),
      validHours: z.number().min(0.1).max(MAX_TOKEN_HOURS).default(24),
      uses: z.number().int().min(1).max(100_000).default(QUICK_INSTALL_USES),
    }),
    z.object({ token: enrolmentTokenSchema, unix: z.string(), windows: z.string() }),
    'A fresh enrolment token and the one-line commands that enrol the agent and install it as a service: for Linux and macOS (sudo) and for Windows (an elevated PowerShell).',
    change(CLIENTS_FUNCTION),
  ),
  revokeAgent: method(
    z.object({ id }),
    z.object({}),
    "Forgets a client PC's agent (its key is withdrawn; in the system log): the agent stops, and an agent may enrol under the PC's name again with a new token. 'not-found'.",
    change(CLIENTS_FUNCTION),
  ),
  sshLogins: method(z.object({}), z.object({ logins: z.array(sshLoginSchema) }), 'Stored SSH logins for installing the agent (never their secrets).', view(CLIENTS_FUNCTION)),
  saveSshLogin: method(z.object({ id: id.optional(), login: sshLoginInputSchema }), sshLoginSchema, "Adds or changes an SSH login; password, private key and passphrase are sealed (left out: kept, null: cleared). 'conflict' when the name is taken.", change(CLIENTS_FUNCTION)),
  removeSshLogin: method(z.object({ id }), z.object({}), 'Forgets an SSH login; an unknown id is no error.', change(CLIENTS_FUNCTION)),
  forgetHostKey: method(z.object({ id }), z.object({}), "Forgets a client PC's SSH host key (it was reinstalled): the next installation trusts the key it shows. 'not-found'.", change(CLIENTS_FUNCTION)),
  jobs: method(z.object({ clientId: id.optional(), limit: z.number().int().min(1).max(10_000).default(500) }), z.object({ jobs: z.array(queueJobSchema) }), 'Queue jobs for agents, newest first (of one client when given).', view(CLIENTS_FUNCTION)),
};
export type ClientsContract = typeof clientsContract;
