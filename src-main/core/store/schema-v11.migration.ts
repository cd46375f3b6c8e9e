/**
 * Schema 11: how far history thinning got, per tier (a tier is known by its bucket size), so
 * a restart neither thins a bucket twice nor reads the whole history again. `thinned_before`:
 * every row older is thinned for all devices; a pass in progress covers up to `pass_until`
 * and has reached device `next_device`. Written only by history maintenance.
 */
export const HISTORY_THINNING_SCHEMA = `
CREATE TABLE history_thinning (
  bucket_ms      INTEGER PRIMARY KEY CHECK (bucket_ms > 0),
  thinned_before INTEGER NOT NULL,
  pass_until     INTEGER,
  next_device    INTEGER NOT NULL DEFAULT 0
);
`;
