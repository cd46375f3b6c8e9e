import { SECTIONS, type Section } from '../../app/section.store';

/**
 * The console's places as URL fragments, so a device's detail has an address of its own
 * ("#/devices/42") that a mail, a bookmark or a colleague can open — after the sign-in too (the
 * fragment never reaches the server and stays in the address bar through the sign-in page).
 */
export interface ConsoleLocation {
  section: Section;
  /** The device whose detail is open (devices only). */
  deviceId: number | null;
}

/** "#/devices/42" → devices with 42 open; "#/tasks" → tasks; anything else (empty, a plug-in's, garbage) → null. */
export function parseConsoleHash(hash: string): ConsoleLocation | null {
  const match = /^#\/([a-z]+)(?:\/(\d{1,9}))?\/?$/.exec(hash.trim());
  if (!match) return null;
  const section = SECTIONS.find((s) => s === match[1]);
  if (!section) return null;
  const id = match[2] === undefined ? null : Number(match[2]);
  if (id !== null && (section !== 'devices' || id < 1)) return null;
  return { section, deviceId: id };
}

/** The fragment of a place: "#/devices/42", "#/monitoring". */
export function consoleHash(location: ConsoleLocation): string {
  return location.section === 'devices' && location.deviceId !== null ? `#/devices/${location.deviceId}` : `#/${location.section}`;
}
