import type { CallContext } from './contract-builder';
import type { ClientTransport } from './envelope';
import type { EventHub } from './event-hub';
import type { Router } from './router';

/**
 * Client and router in one process (tests, the CLI). Arguments and results still pass
 * through JSON, so what works here works over IPC and WebSocket too.
 */
export function createInProcessTransport(router: Router, events: EventHub<Record<string, unknown>>, context: CallContext = { role: 'administrator', via: 'in-process' }): ClientTransport {
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
