import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { decodeIppResponse, encodeIppRequest, IPP_OPERATIONS, ippEverywhereVerdict, VALUE_TAGS, type IppResponse } from '../../../../src-shared/plugins/drivers/ipp-message';

/**
 * The IPP Everywhere check of a printer: Get-Printer-Attributes over HTTP(S) (RFC 8010 §3,
 * RFC 8011 §4.2.5), asking only for the attributes that decide it. Printers' certificates are
 * self-signed, so ipps accepts them (the check reads public attributes and sends no secret).
 */

export interface IppCheckResult {
  ready: boolean;
  uri: string;
  ippVersions: string[];
  documentFormats: string[];
  features: string[];
  makeAndModel: string | null;
  reason: string | null;
}

const REQUESTED = ['ipp-versions-supported', 'document-format-supported', 'ipp-features-supported', 'printer-make-and-model'];
const MAX_RESPONSE = 4 * 1024 * 1024;

export function printerUri(address: string, port: number, resource: string, tls: boolean): string {
  const host = address.includes(':') && !address.startsWith('[') ? `[${address}]` : address;
  return `${tls ? 'ipps' : 'ipp'}://${host}:${port}/${resource.replace(/^\/+/, '')}`;
}

class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Posts one IPP request to the printer and reads its answer (HTTP status and IPP status checked). */
export function ippPost(uri: string, body: Uint8Array, timeoutMs: number): Promise<IppResponse> {
  const url = new URL(uri.replace(/^ipp(s?):/, 'http$1:'));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(url, { method: 'POST', headers: { 'content-type': 'application/ipp', 'content-length': body.length }, timeout: timeoutMs, rejectUnauthorized: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE) req.destroy(new Error(`the printer's answer is larger than ${MAX_RESPONSE} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        if (res.statusCode !== 200) return reject(new HttpStatusError(res.statusCode ?? 0, `the printer answered HTTP ${res.statusCode ?? '?'} ${res.statusMessage ?? ''} at ${url.pathname} (is the resource path right?)`));
        try {
          resolve(decodeIppResponse(new Uint8Array(Buffer.concat(chunks))));
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${Math.round(timeoutMs / 1000)} s`)));
    req.on('error', reject);
    req.end(body);
  });
}

function reasonOf(error: unknown, uri: string): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ECONNREFUSED') return `nothing answers IPP at ${uri} (connection refused): the printer has no IPP service on this port, or it is switched off`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `${uri} cannot be reached (no route)`;
  if (code === 'ECONNRESET') return `the printer closed the connection at ${uri} (try ipps, or the other port)`;
  return `Get-Printer-Attributes at ${uri} failed: ${message}`;
}

/** IPP status server-error-version-not-supported (RFC 8011 §13.1.5.4). */
const VERSION_NOT_SUPPORTED = 0x0503;

/** Asks the printer and decides; never throws (a printer that does not answer is "not ready", with the reason). */
export async function checkIppEverywhere(uri: string, options: { timeoutMs?: number; requestId?: number } = {}): Promise<IppCheckResult> {
  const request = (version: '2.0' | '1.1'): Uint8Array =>
    encodeIppRequest(
      IPP_OPERATIONS.getPrinterAttributes,
      options.requestId ?? 1,
      [
        { tag: VALUE_TAGS.uri, name: 'printer-uri', values: [uri] },
        { tag: VALUE_TAGS.name, name: 'requesting-user-name', values: ['printdeck'] },
        { tag: VALUE_TAGS.keyword, name: 'requested-attributes', values: REQUESTED },
      ],
      version,
    );
  const empty = { uri, ippVersions: [], documentFormats: [], features: [], makeAndModel: null };
  const timeoutMs = options.timeoutMs ?? 10_000;
  let response: IppResponse;
  try {
    try {
      response = await ippPost(uri, request('2.0'), timeoutMs);
      if (response.statusCode === VERSION_NOT_SUPPORTED) response = await ippPost(uri, request('1.1'), timeoutMs);
    } catch (error) {
      // Printers that speak only IPP/1.1 may answer an IPP/2.0 request with HTTP 400: ask again in 1.1.
      if (!(error instanceof HttpStatusError && error.status === 400)) throw error;
      response = await ippPost(uri, request('1.1'), timeoutMs);
    }
  } catch (error) {
    return { ...empty, ready: false, reason: reasonOf(error, uri) };
  }
  if (response.statusCode >= 0x0100) {
    const message = response.attributes.get('status-message')?.[0];
    return { ...empty, ready: false, reason: `the printer refused Get-Printer-Attributes (IPP status 0x${response.statusCode.toString(16).padStart(4, '0')}${message ? `: ${message}` : ''})` };
  }
  const ippVersions = response.attributes.get('ipp-versions-supported') ?? [];
  const documentFormats = response.attributes.get('document-format-supported') ?? [];
  const features = response.attributes.get('ipp-features-supported') ?? [];
  const verdict = ippEverywhereVerdict(ippVersions, documentFormats);
  return { uri, ippVersions, documentFormats, features, makeAndModel: response.attributes.get('printer-make-and-model')?.[0] ?? null, ...verdict };
}
