import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { z } from 'zod';
import { deviceProfileSchema, type DeviceProfile } from '../../../src-shared/profiles/device-profile.schema';

/** A profile file that cannot be used: names the file and, where known, the JSON path of the problem. */
export class ProfileError extends Error {
  constructor(
    readonly file: string,
    /** JSONPath-style location inside the file ("$.counters[2].oid"); "$" for the whole file. */
    readonly jsonPath: string,
    readonly problem: string,
  ) {
    super(`${file}: ${jsonPath}: ${problem}`);
    this.name = 'ProfileError';
  }
}

function jsonPathOf(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

/** The first issue zod reports, as a ProfileError (one actionable problem at a time). */
function toProfileError(file: string, error: z.ZodError): ProfileError {
  const issue = error.issues[0];
  if (!issue) return new ProfileError(file, '$', 'invalid profile');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem(s))` : '';
  return new ProfileError(file, jsonPathOf(issue.path), `${issue.message}${more}`);
}

async function loadFile(dir: string, name: string): Promise<DeviceProfile> {
  const file = join(dir, name);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new ProfileError(file, '$', `cannot read the file: ${error instanceof Error ? error.message : String(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProfileError(file, '$', `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = deviceProfileSchema.safeParse(json);
  if (!parsed.success) throw toProfileError(file, parsed.error);
  return parsed.data;
}

/**
 * Reads and validates every `*.json` profile in `dir`, in file-name order (that order breaks
 * ties between equally good matches). Rejects with ProfileError for an unreadable folder or
 * file, invalid JSON, a schema violation, a duplicate id, or more than one fallback profile.
 */
export async function loadProfiles(dir: string): Promise<DeviceProfile[]> {
  let names: string[];
  try {
    names = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => entry.name)
      .sort();
  } catch (error) {
    throw new ProfileError(dir, '$', `cannot read the profiles folder: ${error instanceof Error ? error.message : String(error)}`);
  }
  const profiles = await Promise.all(names.map((name) => loadFile(dir, name)));
  const fileOfId = new Map<string, string>();
  let fallbackFile: string | null = null;
  profiles.forEach((profile, i) => {
    const file = join(dir, names[i] ?? '');
    const other = fileOfId.get(profile.id);
    if (other !== undefined) throw new ProfileError(file, '$.id', `duplicate profile id "${profile.id}" (also in ${other})`);
    fileOfId.set(profile.id, file);
    if (profile.fallback === true) {
      if (fallbackFile !== null) throw new ProfileError(file, '$.fallback', `only one fallback profile is allowed (also ${fallbackFile})`);
      fallbackFile = file;
    }
  });
  return profiles;
}
