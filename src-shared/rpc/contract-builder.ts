import type { z } from 'zod';
import type { Caller, MethodAccess } from '../auth/access';

/**
 * The contract is data: per service, per method, an input and an output zod schema and a
 * one-line doc. The router (main side) and the client proxy (renderer side) are derived from
 * it, and wire names come from the keys ("devices.list").
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  doc: string;
  /** The function it belongs to and whether it reads or changes (checked by the router, default deny). */
  access: MethodAccess;
}

export type ServiceSpec = Record<string, MethodSpec>;
export type ContractSpec = Record<string, ServiceSpec>;

/** A method of the contract: one JSON argument object, one JSON result, and what it needs of its caller. */
export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string, access: MethodAccess): MethodSpec<I, O> {
  return { input, output, doc, access };
}

/** The TypeScript interface of one service, derived from its spec. */
export type ServiceApi<S extends ServiceSpec> = {
  [M in keyof S]: (args: z.input<S[M]['input']>) => Promise<z.output<S[M]['output']>>;
};

/** The implementation side of a service: receives parsed arguments. */
export type ServiceImpl<S extends ServiceSpec> = {
  [M in keyof S]: (args: z.output<S[M]['input']>, context: CallContext) => Promise<z.input<S[M]['output']>> | z.input<S[M]['output']>;
};

export type ContractApi<C extends ContractSpec> = { [K in keyof C]: ServiceApi<C[K]> };
export type ContractImpl<C extends ContractSpec> = { [K in keyof C]: ServiceImpl<C[K]> };

/** Which host carried a call: the Electron window, a browser, the command line, a script with an API token, or the same process (tests, hosts' own calls). */
export type CallHost = 'desktop' | 'web' | 'cli' | 'api-token' | 'in-process';

/** Lets a host keep a session that a call opened or closed (Electron IPC: per window). */
export interface HostSession {
  /** The call signed in: later calls of this client carry the session with this secret. */
  adopt(token: string): void;
  /** The call signed out. */
  drop(): void;
}

/** Who is calling, filled by the host for every call and passed to every service. */
export interface CallContext {
  /** The signed-in user, or null (then only public methods answer). */
  caller: Caller | null;
  host: CallHost;
  /** The session the call belongs to (its row id), or null (desktop without sign-in, CLI, API token). */
  sessionId: number | null;
  /** Where the call came from (the peer's IP address), when the host knows it. */
  address: string | null;
  /** Present when the host can adopt a session opened by auth.signIn. */
  hostSession?: HostSession;
}

/** Every wire name of a contract ("devices.list", …). */
export function wireNames(contract: ContractSpec): string[] {
  return Object.entries(contract).flatMap(([service, methods]) => Object.keys(methods).map((m) => `${service}.${m}`));
}
