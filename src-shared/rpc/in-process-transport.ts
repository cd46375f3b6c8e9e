import type { CallContext } from './contract-builder';
import type { ClientTransport } from './envelope';
import type { EventHub } from './event-hub';
import type { Router } from './router';
import { internalContext } from '../auth/call-context';

/**
 * Client and router in one process (tests, the CLI). Arguments and results still pass
 * through JSON, so what works here works over IPC and WebSocket too. Only `subscribe` of the
 * hub is needed, so a core's typed EventHub<AppEvents> can be passed as it is.
 */
export function createInProcessTransport(router: Router, events: Pick<EventHub<Record<string, unknown>>, 'subscribe'>, context: CallContext = internalContext()): ClientTransport {
  return {
    async request(method, params) {
      const reply = await router.handle(method, JSON.parse(JSON.stringify(params ?? {})), context);
      return JSON.parse(JSON.stringify(reply));
    },
    subscribe(listener) {
      return events.subscribe((name, payload) => listener(name, JSON.parse(JSON.stringify(payload ?? null))));
    },
  };
}
