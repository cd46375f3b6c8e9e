/**
 * SLPv2 printer search (RFC 2608) over a UDP socket of our own: a Service Request per service
 * type to the multicast group (or a broadcast or unicast address), retransmitted with the
 * previous responders' list until the replies converge (§6.3), then an Attribute Request to each
 * URL found. The framing is slp-codec.ts; this file is the public entry point.
 */
import { checkSearchOptions, type SlpSearchSettings } from './slp-search-settings';
import { SlpSearchRun } from './slp-search-run';
import { SlpClientError, type SlpFinding, type SlpSearchOptions } from './slp-search-types';

export { SLP_CLIENT_ERROR_CODES, SlpClientError, type SlpClientErrorCode, type SlpFinding, type SlpSearchOptions } from './slp-search-types';

/**
 * Searches for SLP services (printers by default) and resolves with one finding per distinct
 * service URL. Takes about serviceTypes.length × waitMs, plus up to ~2 s for attribute replies
 * and host-name lookups. Rejects only with an SlpClientError: 'invalid-argument' (the message
 * names the option) or 'network-error' (the socket could not bind, configure or send). Aborting
 * the signal stops sending at once and resolves with what was found; malformed, foreign or
 * error replies never fail the search, they go to onIgnoredReply.
 */
export function searchSlp(options: SlpSearchOptions): Promise<SlpFinding[]> {
  let settings: SlpSearchSettings;
  try {
    settings = checkSearchOptions(options);
  } catch (error) {
    return Promise.reject(error instanceof SlpClientError ? error : new SlpClientError('invalid-argument', String(error)));
  }
  return new Promise<SlpFinding[]>((resolve, reject) => new SlpSearchRun(settings, options, resolve, reject).start());
}
