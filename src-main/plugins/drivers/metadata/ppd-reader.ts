/**
 * Reads what Printdeck needs from a PPD (PostScript Printer Description, Adobe's format 4.3):
 * *NickName (the name CUPS lists the driver by), *ModelName, *Manufacturer and *FileVersion.
 * A handful of "*Keyword: "value"" lines: written by hand rather than with a parser library.
 */

export interface PpdFacts {
  nickName: string | null;
  modelName: string | null;
  manufacturer: string | null;
  version: string | null;
}

/** Whether the bytes start like a PPD ("*PPD-Adobe:"). */
export function looksLikePpd(text: string): boolean {
  return /^\s*\*PPD-Adobe:/.test(text);
}

export function readPpd(text: string): PpdFacts {
  const value = (keyword: string): string | null => {
    const match = new RegExp(`^\\*${keyword}:\\s*"([^"\\r\\n]*)"`, 'm').exec(text);
    return match?.[1]?.trim() || null;
  };
  return { nickName: value('NickName') ?? value('ShortNickName'), modelName: value('ModelName'), manufacturer: value('Manufacturer'), version: value('FileVersion') };
}
