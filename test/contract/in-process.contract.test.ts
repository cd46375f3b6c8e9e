import { appContract } from '../../src-shared/contract/app.contract';
import { createApiClient } from '../../src-shared/rpc/api-client';
import { createInProcessTransport } from '../../src-shared/rpc/in-process-transport';
import { startCoreFixture } from './contract-fixture';
import { describeContractSuite } from './contract-suite';

// Simulated printers of this file: 127.70.0.x.
describeContractSuite('the in-process transport', async () => {
  const fixture = await startCoreFixture('127.70.0.1');
  const router = fixture.core.router;
  const transport = createInProcessTransport(router, fixture.core.events);
  return {
    api: createApiClient(appContract, transport),
    subscribe: (listener) => transport.subscribe(listener),
    core: fixture.core,
    simulator: fixture.simulator,
    close: async () => {
      await fixture.close();
      // An 'internal' reply is a bug in the core, whatever the test asserted.
      const internal = fixture.logs.filter((line) => /^\w+\.\w+ failed: /.test(line));
      if (internal.length > 0) throw new Error(`internal errors: ${internal.join('; ')}`);
    },
  };
});
