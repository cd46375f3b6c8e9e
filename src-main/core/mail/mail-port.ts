/**
 * The port through which the core sends mail (alerts, task results, test mails). The mail
 * module implements it with a persisted outbox: enqueue() stores the mail and returns at once;
 * sending, retries and failures are the outbox's business and show in its log, so a caller
 * never loses a mail to a dead SMTP server and never waits for one.
 */

export type MailKind = 'alert' | 'alert-digest' | 'task-result' | 'test';

export interface OutgoingMail {
  kind: MailKind;
  /** One or more addresses ("ops@example.com"); checked by the mail module. */
  to: readonly string[];
  subject: string;
  /** Plain text body (always present: mobile format is plain text). */
  text: string;
  /** Optional HTML body of the standard format. */
  html?: string;
  /** What it is about, for the log ("task 4 run 17", "condition 2"). */
  reference?: string;
}

export interface Mailer {
  /** Stores the mail in the outbox and returns its id; throws AppError('invalid-argument') for a bad address. */
  enqueue(mail: OutgoingMail): number;
  /**
   * The console's address of a place in it ("#/devices/42") for a link in a mail, or null when
   * no console address is set in the mail settings (then mails name things without links).
   */
  consoleLink?(hashPath: string): string | null;
}
