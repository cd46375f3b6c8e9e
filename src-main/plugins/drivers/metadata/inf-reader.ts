/**
 * Reads what Printdeck needs from a Windows driver package's INF file: its class, version
 * (DriverVer) and the printer models it installs (the names Add-PrinterDriver takes), per
 * architecture decoration (NTamd64, NTx86, NTarm64). INF syntax: sections in brackets,
 * "key = value" lines, ";" comments outside quotes, "\" continuing a line, %token% replaced
 * from [Strings]. Written by hand: no maintained npm package reads INF files.
 */

export interface InfFacts {
  className: string | null;
  version: string | null;
  provider: string | null;
  /** Model names per decoration ("ntamd64", "ntx86", "ntarm64", "" for undecorated), in file order. */
  models: Map<string, string[]>;
}

/** The text of an INF file: UTF-16 (with its byte order mark, as Windows writes them) or UTF-8/ANSI. */
export function decodeInf(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  return utf8.startsWith('\ufeff') ? utf8.slice(1) : utf8;
}

function stripComment(line: string): string {
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line.charAt(index);
    if (char === '"') quoted = !quoted;
    else if (char === ';' && !quoted) return line.slice(0, index);
  }
  return line;
}

function sections(text: string): Map<string, string[]> {
  const result = new Map<string, string[]>();
  let current: string[] | null = null;
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = pending + stripComment(raw).trim();
    if (line.endsWith('\\')) {
      pending = line.slice(0, -1);
      continue;
    }
    pending = '';
    const header = /^\[([^\]]+)\]$/.exec(line);
    if (header?.[1] !== undefined) {
      const name = header[1].trim().toLowerCase();
      current = result.get(name) ?? [];
      result.set(name, current);
    } else if (line !== '' && current) current.push(line);
  }
  return result;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1).replace(/""/g, '"') : trimmed;
}

function splitKey(line: string): { key: string; value: string } | null {
  let quoted = false;
  for (let index = 0; index < line.length; index++) {
    const char = line.charAt(index);
    if (char === '"') quoted = !quoted;
    else if (char === '=' && !quoted) return { key: line.slice(0, index).trim(), value: line.slice(index + 1).trim() };
  }
  return null;
}

export function readInf(text: string): InfFacts {
  const all = sections(text);
  const strings = new Map<string, string>();
  for (const line of all.get('strings') ?? []) {
    const pair = splitKey(line);
    if (pair) strings.set(unquote(pair.key).toLowerCase(), unquote(pair.value));
  }
  const expand = (value: string): string => unquote(value).replace(/%([^%]+)%/g, (whole, token: string) => strings.get(token.toLowerCase()) ?? whole);
  const version = new Map<string, string>();
  for (const line of all.get('version') ?? []) {
    const pair = splitKey(line);
    if (pair) version.set(pair.key.toLowerCase(), pair.value);
  }
  const driverVer = version.get('driverver');
  const models = new Map<string, string[]>();
  for (const line of all.get('manufacturer') ?? []) {
    const pair = splitKey(line);
    const [section, ...decorations] = (pair ? pair.value : line).split(',').map((part) => part.trim());
    if (!section) continue;
    for (const decoration of decorations.length > 0 ? ['', ...decorations] : ['']) {
      const name = decoration === '' ? section.toLowerCase() : `${section}.${decoration}`.toLowerCase();
      const key = decoration.split('.')[0]?.toLowerCase() ?? '';
      for (const entry of all.get(name) ?? []) {
        const model = splitKey(entry);
        if (!model) continue;
        const list = models.get(key) ?? [];
        const described = expand(model.key);
        if (described !== '' && !list.includes(described)) list.push(described);
        models.set(key, list);
      }
    }
  }
  return {
    className: version.has('class') ? expand(version.get('class') ?? '') : null,
    version: driverVer ? (driverVer.split(',')[1]?.trim() ?? driverVer.trim()) || null : null,
    provider: version.has('provider') ? expand(version.get('provider') ?? '') : null,
    models,
  };
}

const DECORATIONS: Readonly<Record<string, readonly string[]>> = { x64: ['ntamd64'], x86: ['ntx86', ''], arm64: ['ntarm64'], any: ['ntamd64', 'ntarm64', 'ntx86', ''] };

/** The models of an INF for an architecture (any: all of them), without repeats. */
export function infModels(facts: InfFacts, arch: string): string[] {
  const names: string[] = [];
  for (const decoration of DECORATIONS[arch] ?? []) for (const model of facts.models.get(decoration) ?? []) if (!names.includes(model)) names.push(model);
  return names;
}
