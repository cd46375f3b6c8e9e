import { z } from 'zod';
import { consoleUrlSchema } from './console-url';
import { fingerprintSchema, noControl } from './text-checks';

/**
 * Installing the agent on client PCs by a task (issue 12 item 6): over SSH to Linux and macOS
 * with a stored login (its secrets sealed), the agent enrolled with a fresh one-use token.
 * Windows (WinRM) is designed, not built: see src-main/agent/README.md.
 */
export const INSTALL_AGENT_TASK_KIND = 'drivers.installAgent';

const id = z.number().int().positive();

export const sshLoginInputSchema = z.object({
  name: z.string().trim().min(1, 'give the login a name, such as Lab admin').max(100),
  user: z.string().trim().min(1, 'the SSH user is required').max(64).regex(/^[A-Za-z0-9._][A-Za-z0-9._-]*$/, 'an SSH user name has letters, digits, ".", "_" and "-" only'),
  /** Left out: kept; null: cleared. Also given to sudo (sudo -S) when the user is not root. */
  password: z.string().max(256).nullable().optional(),
  /** An OpenSSH or PEM private key; left out: kept; null: cleared. */
  privateKey: z.string().max(16_384).refine((key) => noControl(key, '\n\r'), 'a private key is text').nullable().optional(),
  passphrase: z.string().max(256).nullable().optional(),
});
export type SshLoginInput = z.input<typeof sshLoginInputSchema>;

export const sshLoginSchema = z.object({
  id,
  name: z.string(),
  user: z.string(),
  passwordSet: z.boolean(),
  privateKeySet: z.boolean(),
  updatedAt: z.number(),
  updatedBy: z.string().nullable(),
});
export type SshLogin = z.infer<typeof sshLoginSchema>;

export const installAgentParamsSchema = z
  .object({
    clientIds: z.array(id).max(10_000).default([]),
    clientGroupIds: z.array(id).max(1_000).default([]),
    loginId: id,
    /** The address agents reach the console at. */
    consoleUrl: consoleUrlSchema,
    /** SHA-256 fingerprint of the console's certificate; left out: the clients' CAs. */
    fingerprint: fingerprintSchema.optional(),
    /** SSH port of the clients (their address may also carry one: "host:2222"). */
    port: z.number().int().min(1).max(65_535).default(22),
    /** How the client runs printdeck: a program name or path only (no arguments, no shell: it runs under sudo). */
    agentCommand: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .regex(/^[A-Za-z0-9_./-]+$/, 'the program printdeck on the client, as a name or path of letters, digits, "_", ".", "/" and "-" only (such as /usr/local/bin/printdeck)')
      .default('printdeck'),
    /** The agent's state folder on the clients; empty: its default. */
    stateDir: z.string().trim().max(500).default(''),
    installService: z.boolean().default(true),
  })
  .refine((p) => p.clientIds.length + p.clientGroupIds.length > 0, { message: 'choose client PCs or client groups', path: ['clientIds'] });
export type InstallAgentParams = z.output<typeof installAgentParamsSchema>;
