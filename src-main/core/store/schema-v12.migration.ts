/**
 * Schema 12: the address people open the console at (`https://printdeck.example.com`), kept
 * with the mail settings because mails are what carry it: alert and task mails link each
 * device and execution to it. Empty = mails carry no links.
 */
export const CONSOLE_URL_SCHEMA = `
ALTER TABLE mail_settings ADD COLUMN console_url TEXT NOT NULL DEFAULT '';
`;
