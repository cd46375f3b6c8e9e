/**
 * Schema 5: mail settings (one row, passwords sealed by the SecretStore, never in clear) and
 * the outbox every mail goes through, so a mail survives a dead server and a restart.
 */
export const MAIL_SCHEMA = `
CREATE TABLE mail_settings (
  id                     INTEGER PRIMARY KEY CHECK (id = 1),
  smtp_host              TEXT NOT NULL DEFAULT '',
  smtp_port              INTEGER NOT NULL DEFAULT 25,
  smtp_security          TEXT NOT NULL DEFAULT 'starttls' CHECK (smtp_security IN ('none', 'starttls', 'tls')),
  smtp_verify_cert       INTEGER NOT NULL DEFAULT 1,
  smtp_auth              TEXT NOT NULL DEFAULT 'none' CHECK (smtp_auth IN ('none', 'plain', 'login')),
  smtp_user              TEXT NOT NULL DEFAULT '',
  smtp_password_sealed   TEXT,
  from_address           TEXT NOT NULL DEFAULT '',
  connection_timeout_ms  INTEGER NOT NULL DEFAULT 10000,
  greeting_timeout_ms    INTEGER NOT NULL DEFAULT 10000,
  socket_timeout_ms      INTEGER NOT NULL DEFAULT 30000,
  pop_enabled            INTEGER NOT NULL DEFAULT 0,
  pop_host               TEXT NOT NULL DEFAULT '',
  pop_port               INTEGER NOT NULL DEFAULT 110,
  pop_tls                INTEGER NOT NULL DEFAULT 0,
  pop_verify_cert        INTEGER NOT NULL DEFAULT 1,
  pop_user               TEXT NOT NULL DEFAULT '',
  pop_password_sealed    TEXT,
  pop_apop               INTEGER NOT NULL DEFAULT 0,
  pop_wait_after_ms      INTEGER NOT NULL DEFAULT 0,
  updated_at             INTEGER
);
INSERT INTO mail_settings (id) VALUES (1);

CREATE TABLE mail_outbox (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL CHECK (kind IN ('alert', 'alert-digest', 'task-result', 'test')),
  recipients      TEXT NOT NULL,
  subject         TEXT NOT NULL,
  text_body       TEXT NOT NULL,
  html_body       TEXT,
  reference       TEXT,
  state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  last_error      TEXT,
  last_error_step TEXT,
  created_at      INTEGER NOT NULL,
  sent_at         INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox (state, next_attempt_at);
`;
