import { DRIVER_OSES, type DriverOs } from '../../../../src-shared/plugins/drivers/driver-set';

/**
 * The visitor's system from its User-Agent, for the one-click install (the page lets the
 * visitor switch). Android and iOS are not desktop systems a queue is installed on: null.
 */
export function osOfUserAgent(userAgent: string | undefined): DriverOs | null {
  const ua = userAgent ?? '';
  if (/Android|iPhone|iPad|iPod/i.test(ua)) return null;
  if (/Windows NT|Win64|Windows/i.test(ua)) return 'windows';
  if (/Mac OS X|Macintosh/i.test(ua)) return 'macos';
  if (/Linux|X11|CrOS/i.test(ua)) return 'linux';
  return null;
}

/** The ?os= parameter when it names a system, else the User-Agent's. */
export function visitorOs(param: string | null, userAgent: string | undefined): DriverOs | null {
  return DRIVER_OSES.find((os) => os === param) ?? osOfUserAgent(userAgent);
}
