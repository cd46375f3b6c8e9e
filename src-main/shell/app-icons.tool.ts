import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appIconFiles } from './app-icon-painter';

/** Rewrites resources/build/icon.{png,ico,icns} from the painter: `npx tsx src-main/shell/app-icons.tool.ts`. */
function writeAppIcons(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(appIconFiles())) writeFileSync(join(dir, name), bytes);
}

writeAppIcons(join(__dirname, '..', '..', 'resources', 'build'));
