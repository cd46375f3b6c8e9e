import { resolve } from 'node:path';
import type { DiscoveryRequestInput, DiscoveryResult, DiscoveryRun } from '../../../src-shared/contract/discovery.contract';
import { discoveryRequestSchema } from '../../../src-shared/contract/discovery.contract';
import { createCore, type Core } from '../../../src-main/core/create-core';
import type { DiscoveryResolvers } from '../../../src-main/core/discovery/discovery-resolvers';
import { networkResolvers } from '../../../src-main/core/discovery/network-resolvers';
import { internalContext } from '../../../src-shared/auth/call-context';

export const RESOURCES = resolve(__dirname, '../../../resources');
const CONTEXT = internalContext('cli');

/**
 * Host names a test may use without asking the network's DNS server (tests never leave
 * loopback); every other part of the resolvers is the real one.
 */
export function hostTable(table: Record<string, string[]>): DiscoveryResolvers {
  return networkResolvers({
    lookupHost: async (name) => {
      const found = table[name.toLowerCase()];
      if (!found) throw new Error(`getaddrinfo ENOTFOUND ${name}`);
      return found;
    },
  });
}

export interface CoreRig {
  core: Core;
  log: string[];
  /** Runs a search to its end and returns the run and its results as the contract gives them. */
  search(request: DiscoveryRequestInput): Promise<{ run: DiscoveryRun; results: DiscoveryResult[] }>;
}

export async function openCore(databaseFile: string, resolvers: DiscoveryResolvers = hostTable({})): Promise<CoreRig> {
  const log: string[] = [];
  const core = await createCore({ databaseFile, resourcesDir: RESOURCES, version: 'test', resolvers, log: (line) => log.push(line) });
  return {
    core,
    log,
    search: async (input) => {
      const run = core.discovery.begin(discoveryRequestSchema.parse(input));
      await run.done;
      return core.discovery.getRun({ runId: run.id }, CONTEXT);
    },
  };
}

/** Results by outcome, as "address outcome" lines sorted, for readable assertions. */
export function outcomes(results: readonly DiscoveryResult[]): string[] {
  return results.map((r) => `${r.address} ${r.outcome}`).sort();
}
