import type { AddressEntry } from '../../../../src-shared/plugins/addressbook/address-entry';

/**
 * The port every vendor's address book adapter implements (issue 11): read a device's book,
 * tell whether it accepts changes, and deliver a book to it. Adapters are plug-in code: they
 * import src-shared, Node built-ins and npm libraries only.
 */

/** Where a device's address book service answers. */
export interface DeviceEndpoint {
  /** IP address or host name. */
  address: string;
  /** TCP port of the service (80/443 on a real device). */
  port: number;
  /** HTTPS instead of HTTP. */
  tls: boolean;
  /** Accept a self-signed certificate (devices usually have one); a certificate that is wrong in another way is still refused. */
  allowSelfSigned: boolean;
}

/** The device administrator's login. */
export interface DeviceLogin {
  user: string;
  password: string;
}

/** How a step failed, for the operator and for code that decides what to offer next. */
export const ADAPTER_STEPS = ['no-answer', 'not-supported', 'wrong-credentials', 'busy', 'reception-restricted', 'cancelled', 'failed'] as const;
export type AdapterStep = (typeof ADAPTER_STEPS)[number];

/** A failure of the whole device; `message` is a sentence a help-desk operator can act on. */
export class AdapterError extends Error {
  constructor(
    readonly step: AdapterStep,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AdapterError';
  }
}

/** What testAuthentication found; never thrown. */
export interface AuthenticationCheck {
  ok: boolean;
  step: 'ok' | 'no-answer' | 'not-supported' | 'wrong-credentials' | 'busy' | 'failed';
  message: string;
}

export type DeliveryMode = 'append' | 'replace';

/** What a delivery did, per entry number. */
export interface DeliveryOutcome {
  /** Entries written (added, or updated in place where the device had the number). */
  delivered: number;
  /** Numbers of the entries the device had no room for. */
  overLimit: number[];
  /** Entries not written, each with why (what the device cannot hold, or its refusal). */
  refused: { number: number; message: string }[];
  /** Device entries deleted (replace mode). */
  removed: number;
}

export interface AddressBookAdapter {
  /** Stable id of the adapter ("ricoh-udirectory"). */
  readonly id: string;
  /** Logs in and out again; every failure is a result, never thrown. */
  testAuthentication(endpoint: DeviceEndpoint, login: DeviceLogin, signal: AbortSignal): Promise<AuthenticationCheck>;
  /** The device's whole book as entries, by number; rejects with AdapterError. Device entries the model cannot hold are left out (the adapter's README says which). */
  fetch(endpoint: DeviceEndpoint, login: DeviceLogin, signal: AbortSignal): Promise<AddressEntry[]>;
  /** Whether the device refuses address book changes now (its reception restriction); rejects with AdapterError. */
  receptionRestricted(endpoint: DeviceEndpoint, login: DeviceLogin, signal: AbortSignal): Promise<boolean>;
  /**
   * Writes `entries` to the device: every entry is added, or updated where the device has its
   * number; `replace` then deletes the device's entries not written — only after the writes,
   * and only when at least one entry was written, so neither a failure nor a book the device
   * cannot take leaves it emptied. Rejects with AdapterError when the device
   * as a whole fails (no answer, login, busy, reception restriction, an error mid-way: then
   * nothing is deleted); entries the device refuses are in the outcome.
   */
  deliver(endpoint: DeviceEndpoint, login: DeviceLogin, entries: AddressEntry[], mode: DeliveryMode, signal: AbortSignal): Promise<DeliveryOutcome>;
}
