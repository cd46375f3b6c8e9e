import { AppError } from './app-error';
import type { ContractApi, ContractSpec } from './contract-builder';
import type { ClientTransport } from './envelope';

/**
 * The client half of the contract: an object with one async function per method, built from
 * the contract's keys (a plug-in's under its id: `prefix`). A failed call rejects with AppError (code + message from the server).
 */
export function createApiClient<C extends ContractSpec>(contract: C, transport: ClientTransport, prefix?: string): ContractApi<C> {
  const api: Record<string, Record<string, (args: unknown) => Promise<unknown>>> = {};
  for (const [service, methods] of Object.entries(contract)) {
    const calls: Record<string, (args: unknown) => Promise<unknown>> = {};
    for (const name of Object.keys(methods)) {
      const wire = `${prefix === undefined ? '' : `${prefix}.`}${service}.${name}`;
      calls[name] = async (args: unknown) => {
        const reply = await transport.request(wire, args ?? {});
        if (reply.ok) return reply.value;
        throw AppError.fromData(reply.error);
      };
    }
    api[service] = calls;
  }
  return api as ContractApi<C>;
}
