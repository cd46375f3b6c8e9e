import { isIPv4 } from 'node:net';
import type { DiscoveryMethodKind, DiscoveryRequest } from '../../../src-shared/contract/discovery.contract';
import { AppError } from '../../../src-shared/rpc/app-error';
import { checkBrowseOptions, MdnsError } from './mdns/mdns-browse-options';
import { checkSearchOptions } from './slp/slp-search-settings';
import { SlpClientError } from './slp/slp-search-types';

/** Where a bad method option sits: the method's position (0-based) and kind, and the field (a method field, or `credentials`). */
export interface MethodProblem {
  method: number;
  kind: DiscoveryMethodKind;
  field: string;
}

/**
 * Checks each method's own options as its client will, before anything is sent: a method that
 * cannot start is the caller's error, not a search that "succeeds" having done nothing. Throws
 * AppError('invalid-argument') naming the method and option, with a MethodProblem as details.
 */
export function checkMethodOptions(request: DiscoveryRequest): void {
  request.methods.forEach((method, index) => {
    const refuse = (field: string, message: string): never => {
      const problem: MethodProblem = { method: index, kind: method.kind, field };
      throw new AppError('invalid-argument', `method ${index + 1} (${method.kind}): ${message}`, problem);
    };
    switch (method.kind) {
      case 'broadcast':
        if (!isIPv4(method.address) || method.address === '0.0.0.0') refuse('address', `"${method.address}" is not an IPv4 broadcast address such as 255.255.255.255 or 10.1.255.255`);
        if (request.options.credentials.every((c) => c.version === 'v3')) refuse('credentials', 'an SNMP broadcast needs a v1/v2c community (SNMPv3 cannot be broadcast)');
        return;
      case 'slp':
        try {
          checkSearchOptions({ group: method.group, port: method.port, ttl: method.ttl, scopes: method.scopes, serviceTypes: method.serviceTypes, waitMs: method.waitMs });
        } catch (error) {
          if (error instanceof SlpClientError) refuse(error.field ?? 'group', error.message);
          throw error;
        }
        return;
      case 'mdns':
        try {
          checkBrowseOptions({ services: method.services, group: method.group, port: method.port, waitMs: method.waitMs });
        } catch (error) {
          if (error instanceof MdnsError) refuse(error.field ?? 'group', error.message);
          throw error;
        }
        return;
      case 'names':
        if (method.nbnsServer !== undefined && !isIPv4(method.nbnsServer)) {
          refuse('nbnsServer', `NetBIOS name server "${method.nbnsServer}" is not an IPv4 address (a WINS server or a broadcast address)`);
        }
        return;
      case 'addresses':
      case 'addressFile':
        return; // parsed by the plan, which names the bad token or lines
      default:
        return assertNever(method);
    }
  });
}

function assertNever(value: never): never {
  throw new Error(`unexpected discovery method ${JSON.stringify(value)}`);
}
