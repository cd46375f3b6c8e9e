import { allows, isChange, type MethodAccess } from '../auth/access';
import { AppError, type AppErrorData } from './app-error';
import type { CallContext, ContractImpl, ContractSpec, MethodSpec } from './contract-builder';
import type { Envelope } from './envelope';
import { flattenIssues } from './schema-issues';

export interface Router {
  /** Validates, authorises and calls one method; never throws (failures are error envelopes). */
  handle(method: string, params: unknown, context: CallContext): Promise<Envelope<unknown>>;
  /** The declared access of a method (undefined for an unknown name): hosts filter pushed events and menus with it. */
  accessOf(method: string): MethodAccess | undefined;
}

/** The core's router: plug-ins mount their services on it at start-up. */
export interface MountableRouter extends Router {
  /**
   * Adds a plug-in's services under its namespace ("prefix.service.method"), checked and
   * audited like the core's. `unavailable` is asked at every call: an error refuses the call
   * (a disabled plug-in) after the access check, so callers without the right learn nothing.
   * Throws when a wire name is taken or a method declares no access.
   */
  mount<C extends ContractSpec>(prefix: string, contract: C, impl: ContractImpl<C>, options?: { unavailable?: () => AppError | null }): void;
}

/** One call as the audit log sees it: changes (whatever their outcome) and refused calls. */
export interface CallRecord {
  method: string;
  access: MethodAccess;
  context: CallContext;
  /** The argument as parsed (or as received, when it did not parse or was refused). */
  params: unknown;
  outcome: 'ok' | 'refused' | 'failed';
  error: AppErrorData | null;
}

export interface RouterOptions {
  /** A service threw something other than AppError (a bug): the server log gets it, the caller a generic message. */
  onInternal?: (error: unknown, method: string) => void;
  /** Every change and every refused call (unknown methods included), after the outcome is known. Must not throw. */
  onRecord?: (record: CallRecord) => void;
}

type Handler = (args: unknown, context: CallContext) => unknown;
interface Route {
  spec: MethodSpec;
  handler: Handler;
  unavailable: () => AppError | null;
}
const ALWAYS = (): null => null;

/** An unknown method name is refused like a forbidden one, as a change to nothing. */
const UNKNOWN_ACCESS: MethodAccess = { kind: 'signed-in' };

/**
 * The main-side half of the contract: looks the wire name up, checks the caller against the
 * method's declared access (default deny: a method without one cannot be routed), parses the
 * argument with its zod schema, calls the service, and wraps the result. AppError becomes its
 * envelope; anything else is 'internal'. Changes and refusals are reported to `onRecord`.
 */
export function createRouter<C extends ContractSpec>(contract: C, impl: ContractImpl<C>, options: RouterOptions = {}): MountableRouter {
  const onInternal = options.onInternal ?? (() => undefined);
  const onRecord = options.onRecord ?? (() => undefined);
  const table = new Map<string, Route>();
  const add = (prefix: string, spec: ContractSpec, implementation: unknown, unavailable: () => AppError | null): void => {
    const routes = new Map<string, Route>();
    for (const [service, methods] of Object.entries(spec)) {
      const serviceImpl = (implementation as Record<string, Record<string, Handler>>)[service];
      for (const [name, methodSpec] of Object.entries(methods)) {
        const wire = `${prefix}${service}.${name}`;
        if (!isAccess(methodSpec.access)) throw new Error(`${wire} declares no access (function and view/change): every method must`);
        const handler = serviceImpl?.[name];
        if (typeof handler !== 'function') throw new Error(`no implementation for ${wire}`);
        if (table.has(wire)) throw new Error(`${wire} is declared twice`);
        routes.set(wire, { spec: methodSpec, handler: handler.bind(serviceImpl), unavailable });
      }
    }
    for (const [wire, route] of routes) table.set(wire, route);
  };
  add('', contract, impl, ALWAYS);
  const record = (entry: CallRecord): void => {
    try {
      onRecord(entry);
    } catch (error) {
      onInternal(error, entry.method);
    }
  };
  return {
    accessOf: (method) => table.get(method)?.spec.access,
    mount: (prefix, spec, implementation, mountOptions = {}) => add(`${prefix}.`, spec, implementation, mountOptions.unavailable ?? ALWAYS),
    async handle(method, params, context) {
      const entry = table.get(method);
      if (!entry) {
        const error = new AppError('not-found', `no such method "${method}"`);
        if (context.caller === null) record({ method, access: UNKNOWN_ACCESS, context, params, outcome: 'refused', error: error.toData() });
        return failure(error);
      }
      const { access } = entry.spec;
      if (!allows(context.caller, access)) {
        const error =
          context.caller === null
            ? new AppError('unauthorized', 'Sign in first: this needs a signed-in user.')
            : new AppError('forbidden', `You may not do this: ${method} needs "${access.kind === 'function' ? `${access.function}: ${access.level}` : 'signed in'}". Ask an administrator for the right.`);
        record({ method, access, context, params, outcome: 'refused', error: error.toData() });
        return failure(error);
      }
      const audited = isChange(access);
      const closed = entry.unavailable();
      if (closed) {
        if (audited) record({ method, access, context, params, outcome: 'refused', error: closed.toData() });
        return failure(closed);
      }
      const parsed = entry.spec.input.safeParse(params ?? {});
      if (!parsed.success) {
        const issues = flattenIssues(parsed.error.issues).map((i) => `${i.path.length > 0 ? i.path.map(String).join('.') : '(argument)'}: ${i.message}`);
        const error = new AppError('invalid-argument', `${method}: ${issues.join('; ')}`, { issues });
        if (audited) record({ method, access, context, params, outcome: 'failed', error: error.toData() });
        return failure(error);
      }
      try {
        const value = await entry.handler(parsed.data, context);
        if (audited) record({ method, access, context, params: parsed.data, outcome: 'ok', error: null });
        return { ok: true, value };
      } catch (caught) {
        let error: AppError;
        if (caught instanceof AppError) error = caught;
        else {
          onInternal(caught, method);
          error = new AppError('internal', `${method} failed unexpectedly; the server log has the details`);
        }
        if (audited) record({ method, access, context, params: parsed.data, outcome: 'failed', error: error.toData() });
        return failure(error);
      }
    },
  };
}

function isAccess(value: unknown): value is MethodAccess {
  if (typeof value !== 'object' || value === null) return false;
  const kind = (value as { kind?: unknown }).kind;
  if (kind === 'public' || kind === 'signed-in') return true;
  const { function: fn, level } = value as { function?: unknown; level?: unknown };
  return kind === 'function' && typeof fn === 'string' && fn !== '' && (level === 'view' || level === 'change');
}

function failure(error: AppError): Envelope<never> {
  return { ok: false, error: error.toData() };
}
