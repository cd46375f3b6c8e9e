import { describe, expect, it } from 'vitest';
import { decodeInf, infModels, readInf } from '../../../../src-main/plugins/drivers/metadata/inf-reader';
import { looksLikePpd, readPpd } from '../../../../src-main/plugins/drivers/metadata/ppd-reader';
import { TEST_INF, TEST_PPD, utf16Inf } from '../../../helpers/driver-files';

describe('INF reader', () => {
  it('reads a UTF-16 printer INF: class, DriverVer, models per architecture with [Strings] resolved', () => {
    const facts = readInf(decodeInf(utf16Inf()));
    expect(facts).toMatchObject({ className: 'Printer', version: '61.290.1.25088', provider: 'Printdeck Test' });
    expect(infModels(facts, 'x64')).toEqual(['Printdeck Laser 5000 PCL6', 'Printdeck Color 7000 PS']);
    expect(infModels(facts, 'arm64')).toEqual(['Printdeck Laser 5000 PCL6 (ARM)']);
    expect(infModels(facts, 'x86')).toEqual([]);
    expect(infModels(facts, 'any')).toHaveLength(3);
    expect(readInf(decodeInf(Buffer.from(TEST_INF, 'utf8')))).toEqual(facts);
  });

  it('keeps ";" inside quotes, joins continued lines, and reads undecorated model sections', () => {
    const facts = readInf(['[Version]', 'Class=Printer', 'DriverVer=01/02/2024, \\', '  3.4.5.6', '[Manufacturer]', '"Acme; Inc." = Acme ; a comment', '[Acme]', '"Acme Laser; Mono" = INSTALL'].join('\n'));
    expect(facts.version).toBe('3.4.5.6');
    expect(infModels(facts, 'x86')).toEqual(['Acme Laser; Mono']);
  });
});

describe('PPD reader', () => {
  it('reads NickName, ModelName, Manufacturer and FileVersion', () => {
    expect(looksLikePpd(TEST_PPD)).toBe(true);
    expect(looksLikePpd('%!PS')).toBe(false);
    expect(readPpd(TEST_PPD)).toEqual({ nickName: 'Printdeck Laser 5000 PS, 2.1', modelName: 'Printdeck Laser 5000', manufacturer: 'Printdeck', version: '2.1' });
    expect(readPpd('*PPD-Adobe: "4.3"\n*ShortNickName: "Short"\n')).toMatchObject({ nickName: 'Short', version: null });
  });
});
