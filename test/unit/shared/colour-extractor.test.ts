import { describe, expect, it } from 'vitest';
import { colourFromColorantValue, colourFromDescription, colourLabel } from '../../../src-shared/supplies/colour-extractor';

describe('colourFromDescription', () => {
  it.each([
    ['Cyan', 'cyan'],
    ['Toner (Cyan)', 'cyan'],
    ['Black Cartridge HP CF410A', 'black'],
    ['Magenta Cartridge HP CF413A This description is longer than 32', 'magenta'],
    ['Drum Cartridge (Yellow)', 'yellow'],
    ['Schwarz', 'black'],
    ['Toner gelb', 'yellow'],
    ["Cartouche d'encre noire", 'black'],
    ['Tóner Amarillo', 'yellow'],
    ['黒トナー', 'black'],
    ['トナー シアン', 'cyan'],
    ['Light Cyan Ink', 'light-cyan'],
    ['Photo Black', 'photo-black'],
    ['Cyan clair', 'light-cyan'],
    ['BLK Toner', 'black'],
  ])('%s → %s', (description, colour) => {
    expect(colourFromDescription(description)).toBe(colour);
  });

  it('names no colour for descriptions without one or with several', () => {
    expect(colourFromDescription('PK-3010S')).toBeNull();
    expect(colourFromDescription('Drum Unit')).toBeNull();
    expect(colourFromDescription('Waste Toner Box')).toBeNull();
    expect(colourFromDescription('Cyan/Magenta/Yellow Imaging Unit')).toBeNull();
    expect(colourFromDescription(null)).toBeNull();
  });

  it('does not read colours out of other words', () => {
    expect(colourFromDescription('Transfer Roller')).toBeNull();
    expect(colourFromDescription('Blackhole Unit')).toBeNull();
  });
});

describe('colourFromColorantValue', () => {
  it('maps colorant names to colour names and keeps unknown ones hyphenated', () => {
    expect(colourFromColorantValue('black')).toBe('black');
    expect(colourFromColorantValue('Cyan')).toBe('cyan');
    expect(colourFromColorantValue('light magenta')).toBe('light-magenta');
    expect(colourFromColorantValue('Metallic Gold')).toBe('metallic-gold');
  });

  it('gives null for "unknown", "other" and empty values', () => {
    expect(colourFromColorantValue('unknown')).toBeNull();
    expect(colourFromColorantValue('other')).toBeNull();
    expect(colourFromColorantValue('')).toBeNull();
    expect(colourFromColorantValue(null)).toBeNull();
  });
});

describe('colourLabel', () => {
  it('capitalises each part', () => {
    expect(colourLabel('cyan')).toBe('Cyan');
    expect(colourLabel('light-cyan')).toBe('Light Cyan');
  });
});
