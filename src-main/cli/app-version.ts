import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Printdeck's version from the package.json beside the resources folder (the CLI runs from
 * source and from dist, so it is read, not imported). "unknown" when it cannot be read: a
 * version label is never worth failing a command for.
 */
export function appVersion(resources: string): string {
  try {
    const parsed: unknown = JSON.parse(readFileSync(join(resources, '..', 'package.json'), 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string') return parsed.version;
  } catch {
    // fall through
  }
  return 'unknown';
}
