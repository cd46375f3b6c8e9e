/** Small but real driver files for the driver set tests: a printer INF (UTF-16 as Windows writes them) and a PPD. */

export const TEST_INF = [
  '; Printdeck test printer driver',
  '[Version]',
  'Signature="$Windows NT$"',
  'Class=Printer',
  'ClassGuid={4D36E979-E325-11CE-BFC1-08002BE10318}',
  'Provider=%MFG%',
  'DriverVer=06/21/2023,61.290.1.25088',
  '',
  '[Manufacturer]',
  '%MFG%=Models,NTamd64,NTarm64',
  '',
  '[Models.NTamd64]',
  '"Printdeck Laser 5000 PCL6" = LASER5000, USBPRINT\\PrintdeckLaser5000',
  '%COLOR% = COLOR7000',
  '',
  '[Models.NTarm64]',
  '"Printdeck Laser 5000 PCL6 (ARM)" = LASER5000',
  '',
  '[LASER5000]',
  'CopyFiles=@laser5000.gpd',
  '',
  '[Strings]',
  'MFG="Printdeck Test"',
  'COLOR="Printdeck Color 7000 PS"',
  '',
].join('\r\n');

export function utf16Inf(text: string = TEST_INF): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

export const TEST_PPD = ['*PPD-Adobe: "4.3"', '*FormatVersion: "4.3"', '*FileVersion: "2.1"', '*Manufacturer: "Printdeck"', '*ModelName: "Printdeck Laser 5000"', '*NickName: "Printdeck Laser 5000 PS, 2.1"', '*DefaultDuplex: None', ''].join('\n');
