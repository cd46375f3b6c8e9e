/**
 * Schema 10: identity conflicts. Another address that answered with a device's serial and MAC
 * while the device still answered at its own: the row keeps its address and says so (the
 * address, port and when it was last seen) until that address answers as something else or
 * the device is found there after its own address fell silent.
 */
export const IDENTITY_CONFLICTS_SCHEMA = `
ALTER TABLE devices ADD COLUMN conflict_address TEXT;
ALTER TABLE devices ADD COLUMN conflict_port INTEGER;
ALTER TABLE devices ADD COLUMN conflict_seen INTEGER;
CREATE INDEX devices_by_conflict ON devices (conflict_address, conflict_port) WHERE conflict_address IS NOT NULL;
`;
