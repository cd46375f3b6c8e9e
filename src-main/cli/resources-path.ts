import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The project's resources folder, found by walking up from this file: the CLI runs both
 * from source (src-main/cli) and compiled (dist/src-main/cli).
 */
export function resourcesDir(start: string = __dirname): string {
  let dir = start;
  for (let i = 0; i < 8; i++) {
    if (existsSync(join(dir, 'resources', 'profiles'))) return join(dir, 'resources');
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(`resources/profiles not found above ${start}`);
}
