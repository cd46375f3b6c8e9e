import { posix, win32 } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseDataFolder, databaseFileIn } from '../../../src-main/shell/portable';

describe('the data folder', () => {
  it("is the OS's per-user folder normally", () => {
    expect(chooseDataFolder({}, '/home/ann/.config/Printdeck', posix)).toEqual({ dir: '/home/ann/.config/Printdeck', portable: false });
    expect(chooseDataFolder({ PORTABLE_EXECUTABLE_DIR: '  ' }, '/home/ann/.config/Printdeck', posix).portable).toBe(false);
  });

  it('is PrintdeckData beside the executable in the portable build', () => {
    const choice = chooseDataFolder({ PORTABLE_EXECUTABLE_DIR: 'E:\\Tools\\Printdeck' }, 'C:\\Users\\ann\\AppData\\Roaming\\Printdeck', win32);
    expect(choice).toEqual({ dir: 'E:\\Tools\\Printdeck\\PrintdeckData', portable: true });
    expect(databaseFileIn(choice.dir, win32)).toBe('E:\\Tools\\Printdeck\\PrintdeckData\\printdeck.db');
  });

  it('refuses a relative portable folder, naming the variable', () => {
    expect(() => chooseDataFolder({ PORTABLE_EXECUTABLE_DIR: 'Printdeck' }, '/home/ann', posix)).toThrow(/PORTABLE_EXECUTABLE_DIR must be an absolute folder, got "Printdeck"/);
  });
});
