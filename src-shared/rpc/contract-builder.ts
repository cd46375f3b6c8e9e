import type { z } from 'zod';

/**
 * The contract is data: per service, per method, an input and an output zod schema and a
 * one-line doc. The router (main side) and the client proxy (renderer side) are derived from
 * it, and wire names come from the keys ("devices.list").
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  doc: string;
  /** Roles allowed to call it (checked by the router); every role when absent. */
  roles?: readonly string[];
}

export type ServiceSpec = Record<string, MethodSpec>;
export type ContractSpec = Record<string, ServiceSpec>;

/** Roles of methods that change settings or run work on devices. */
export const ADMINISTRATOR_ONLY = ['administrator'] as const;

/** A method of the contract: one JSON argument object, one JSON result. */
export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string, roles?: readonly string[]): MethodSpec<I, O> {
  return roles ? { input, output, doc, roles } : { input, output, doc };
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

/** Who is calling: filled by the host (login arrives in a later issue). */
export interface CallContext {
  role: string;
  /** Host that carried the call ("ipc", "ws", "in-process"), for the audit trail. */
  via: string;
}

/** Every wire name of a contract ("devices.list", …). */
export function wireNames(contract: ContractSpec): string[] {
  return Object.entries(contract).flatMap(([service, methods]) => Object.keys(methods).map((m) => `${service}.${m}`));
}
