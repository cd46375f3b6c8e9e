import { encodeAttributeRequest, SlpErrorCode, type SlpAttributeReply } from './slp-codec';
import type { SlpSearchSettings } from './slp-search-settings';
import type { SlpFinding } from './slp-search-types';

const ATTRIBUTE_ATTEMPTS = 2;
// Bounds the burst of unicast requests when a multicast search finds hundreds of URLs.
const MAX_IN_FLIGHT = 16;

/** What the fetcher borrows from its search run: the socket, the XID counter, timers and the report channel. */
export interface AttributeFetcherHost {
  send(datagram: Uint8Array, port: number, address: string, onError: (error: Error) => void): void;
  takeXid(): number;
  after(ms: number, action: () => void): NodeJS.Timeout;
  cancelTimer(timer: NodeJS.Timeout): void;
  ignore(reason: string, sender: string): void;
  readonly settled: boolean;
}

interface AttributeRequest {
  xid: number;
  finding: SlpFinding;
  done: () => void;
  attempts: number;
  timer: NodeJS.Timeout | undefined;
}

export const SLP_ERROR_NAMES: ReadonlyMap<number, string> = new Map(Object.entries(SlpErrorCode).map(([name, code]) => [code, name]));

/**
 * Attribute Requests (unicast, to the replier of each finding) with a bounded number in flight,
 * two attempts each; attributes are merged into the finding, then `done` is called exactly once
 * (also when the agent never answers or answers with an error).
 */
export class SlpAttributeFetcher {
  private readonly queue: Array<{ finding: SlpFinding; done: () => void }> = [];
  private readonly inFlight = new Map<number, AttributeRequest>();

  constructor(
    private readonly host: AttributeFetcherHost,
    private readonly settings: SlpSearchSettings,
  ) {}

  fetch(finding: SlpFinding, done: () => void): void {
    this.queue.push({ finding, done });
    this.pump();
  }

  /** Takes an Attribute Reply; one that matches no request in flight is ignored and reported. */
  onReply(reply: SlpAttributeReply, address: string, from: string): void {
    const request = this.inFlight.get(reply.header.xid);
    if (!request) {
      this.host.ignore(`Attribute Reply with XID ${reply.header.xid}, which matches no request in flight`, from);
      return;
    }
    if (address !== request.finding.replier) {
      this.host.ignore(`Attribute Reply from ${address}, but the request went to ${request.finding.replier}`, from);
      return;
    }
    if (reply.errorCode !== SlpErrorCode.ok) {
      this.host.ignore(`Attribute Reply with error code ${reply.errorCode} (${SLP_ERROR_NAMES.get(reply.errorCode) ?? 'unknown'})`, from);
    } else {
      const attributes = request.finding.attributes;
      for (const [tag, values] of reply.attributes) attributes[tag] = [...(attributes[tag] ?? []), ...values];
    }
    this.finish(request);
  }

  private pump(): void {
    while (this.inFlight.size < MAX_IN_FLIGHT && !this.host.settled) {
      const next = this.queue.shift();
      if (!next) return;
      const request: AttributeRequest = { xid: this.host.takeXid(), ...next, attempts: 0, timer: undefined };
      this.inFlight.set(request.xid, request);
      this.send(request);
    }
  }

  private send(request: AttributeRequest): void {
    const { language, scopes, port, waitMs } = this.settings;
    const { serviceUrl: url, replier } = request.finding;
    const to = `${replier}:${port}`;
    let datagram: Uint8Array;
    try {
      datagram = encodeAttributeRequest({ xid: request.xid, languageTag: language, url, scopes });
    } catch (error) {
      this.host.ignore(`no Attribute Request for ${url}: ${error instanceof Error ? error.message : String(error)}`, to);
      this.finish(request);
      return;
    }
    request.attempts += 1;
    this.host.send(datagram, port, replier, (error) => {
      this.host.ignore(`the Attribute Request for ${url} could not be sent: ${error.message}`, to);
      this.finish(request);
    });
    const timeoutMs = Math.min(1000, Math.max(50, waitMs / 4));
    request.timer = this.host.after(timeoutMs, () => {
      if (request.attempts < ATTRIBUTE_ATTEMPTS) this.send(request);
      else this.finish(request);
    });
  }

  private finish(request: AttributeRequest): void {
    if (this.inFlight.get(request.xid) !== request) return;
    this.inFlight.delete(request.xid);
    if (request.timer) this.host.cancelTimer(request.timer);
    request.done();
    this.pump();
  }
}
