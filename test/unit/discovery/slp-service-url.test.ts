import { describe, expect, it } from 'vitest';
import { parseServiceUrl, serviceTypeMatches } from '../../../src-main/core/discovery/slp/slp-service-url';

describe('parseServiceUrl', () => {
  it.each([
    ['service:printer:lpr://10.1.2.3/queue', 'service:printer:lpr', '10.1.2.3'],
    ['service:printer:ipp://[fe80::1]:631/ipp', 'service:printer:ipp', 'fe80::1'],
    ['service:Printer:LPR://admin@Lab-Printer.example:515/q', 'service:printer:lpr', 'Lab-Printer.example'],
    ['service:x-hpnp-discover://10.0.0.7', 'service:x-hpnp-discover', '10.0.0.7'],
    ['service:printer:lpr:///queue', 'service:printer:lpr', null],
    ['service:printer:lpr://a b/queue', 'service:printer:lpr', null],
    ['service:printer', null, null],
  ])('reads %s', (url, serviceType, host) => {
    expect(parseServiceUrl(url)).toEqual({ serviceType, host });
  });
});

describe('serviceTypeMatches', () => {
  it('matches the same type and its concrete types, without case', () => {
    expect(serviceTypeMatches('service:printer', 'service:printer:lpr')).toBe(true);
    expect(serviceTypeMatches('SERVICE:PRINTER:LPR', 'service:printer:lpr')).toBe(true);
    expect(serviceTypeMatches('service:printer', 'service:printers')).toBe(false);
    expect(serviceTypeMatches('service:printer:lpr', 'service:printer')).toBe(false);
  });
});
