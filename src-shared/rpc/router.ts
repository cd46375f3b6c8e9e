import { AppError } from './app-error';
import type { CallContext, ContractImpl, ContractSpec, MethodSpec } from './contract-builder';
import type { Envelope } from './envelope';

export interface Router {
  /** Validates, authorises and calls one method; never throws (failures are error envelopes). */
  handle(method: string, params: unknown, context: CallContext): Promise<Envelope<unknown>>;
}

type Handler = (args: unknown, context: CallContext) => unknown;

/**
 * The main-side half of the contract: looks the wire name up, parses the argument with the
 * method's zod schema, checks the caller's role, calls the service, and wraps the result.
 * AppError becomes its envelope; anything else is 'internal' (logged by `onInternal`).
 */
export function createRouter<C extends ContractSpec>(contract: C, impl: ContractImpl<C>, onInternal: (error: unknown, method: string) => void = () => undefined): Router {
  const table = new Map<string, { spec: MethodSpec; handler: Handler }>();
  for (const [service, methods] of Object.entries(contract)) {
    const serviceImpl = (impl as Record<string, Record<string, Handler>>)[service];
    for (const [name, spec] of Object.entries(methods)) {
      const handler = serviceImpl?.[name];
      if (typeof handler !== 'function') throw new Error(`no implementation for ${service}.${name}`);
      table.set(`${service}.${name}`, { spec, handler: handler.bind(serviceImpl) });
    }
  }
  return {
    async handle(method, params, context) {
      const entry = table.get(method);
      if (!entry) return failure(new AppError('not-found', `no such method "${method}"`));
      if (entry.spec.roles && !entry.spec.roles.includes(context.role)) {
        return failure(new AppError('forbidden', `${method} needs one of the roles: ${entry.spec.roles.join(', ')}`));
      }
      const parsed = entry.spec.input.safeParse(params ?? {});
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(argument)'}: ${i.message}`);
        return failure(new AppError('invalid-argument', `${method}: ${issues.join('; ')}`, { issues }));
      }
      try {
        return { ok: true, value: await entry.handler(parsed.data, context) };
      } catch (error) {
        if (error instanceof AppError) return failure(error);
        onInternal(error, method);
        return failure(new AppError('internal', `${method} failed unexpectedly; the server log has the details`));
      }
    },
  };
}

function failure(error: AppError): Envelope<never> {
  return { ok: false, error: error.toData() };
}
