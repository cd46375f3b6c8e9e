import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { DriverKind, DriverSetMetadata } from '../../../../src-shared/plugins/drivers/driver-set';
import { decodeInf, infModels, readInf } from './inf-reader';
import { looksLikePpd, readPpd } from './ppd-reader';

/**
 * What a set's files say about it: its kind (an INF makes a Windows driver package, a PPD a
 * CUPS set), its INF or PPD (the entry file), the driver name and version inside and every
 * model offered. What the uploader gave wins; a given driver name must be one the file offers.
 */

export interface DetectedSet {
  kind: DriverKind;
  entryFile: string;
  driverName: string;
  version: string;
  models: string[];
  warnings: string[];
}

/** Thrown with what is wrong and where (a file name), so the upload saves nothing. */
export class SetProblem extends Error {}

const MAX_PPD = 64 * 1024 * 1024;

async function ppdText(dir: string, path: string): Promise<string> {
  const bytes = await readFile(join(dir, ...path.split('/')));
  const plain = path.toLowerCase().endsWith('.gz') ? gunzipSync(bytes, { maxOutputLength: MAX_PPD }) : bytes;
  return new TextDecoder('latin1').decode(plain);
}

export async function detectSet(dir: string, paths: readonly string[], metadata: DriverSetMetadata): Promise<DetectedSet> {
  const sorted = [...paths].sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  const infs = sorted.filter((p) => p.toLowerCase().endsWith('.inf'));
  const ppds = sorted.filter((p) => /\.ppd(\.gz)?$/i.test(p));
  const kind: DriverKind = metadata.kind ?? (infs.length > 0 && metadata.os === 'windows' ? 'inf' : ppds.length > 0 ? 'ppd' : infs.length > 0 ? 'inf' : 'driverless');
  if (kind === 'driverless') throw new SetProblem('no INF or PPD file among the files: a Windows driver package needs its .inf, a CUPS set its .ppd (a driverless set has no files: create it without uploading)');
  if (kind === 'inf' && metadata.os !== 'windows') throw new SetProblem(`an INF package installs on Windows only, not on ${metadata.os}: choose --os windows, or upload the PPD for ${metadata.os}`);
  if (kind === 'ppd' && metadata.os === 'windows') throw new SetProblem('a PPD set is for macOS and Linux (CUPS): for Windows upload the driver package with its .inf');
  const warnings: string[] = [];
  if (kind === 'inf') {
    if (infs.length === 0) throw new SetProblem('kind inf: no .inf file among the files');
    const printers: { path: string; models: string[]; version: string | null }[] = [];
    for (const path of infs) {
      const facts = readInf(decodeInf(await readFile(join(dir, ...path.split('/')))));
      if (facts.className !== null && facts.className.toLowerCase() !== 'printer') continue;
      printers.push({ path, models: infModels(facts, metadata.arch), version: facts.version });
      if (infModels(facts, metadata.arch).length === 0 && infModels(facts, 'any').length > 0) warnings.push(`${path} has no models for ${metadata.arch} (it offers other architectures)`);
    }
    const chosen = metadata.driverName ? printers.find((p) => p.models.includes(metadata.driverName ?? '')) : printers.find((p) => p.models.length > 0);
    if (!chosen) {
      if (metadata.driverName) {
        const offered = [...new Set(printers.flatMap((p) => p.models))].slice(0, 12);
        throw new SetProblem(`driver name "${metadata.driverName}" is not a model of ${printers.length === 0 ? 'the INF files' : printers.map((p) => p.path).join(', ')}${offered.length > 0 ? `; they offer: ${offered.map((m) => `"${m}"`).join(', ')}` : ''}`);
      }
      throw new SetProblem(printers.length === 0 ? `no printer INF among ${infs.join(', ')} (Class=Printer)` : `${printers.map((p) => p.path).join(', ')}: no printer models for ${metadata.arch} in [Manufacturer]`);
    }
    if (printers.length > 1) warnings.push(`${printers.length} printer INF files: ${chosen.path} is the one installed`);
    return { kind, entryFile: chosen.path, driverName: metadata.driverName ?? chosen.models[0] ?? '', version: metadata.version ?? chosen.version ?? '', models: chosen.models, warnings };
  }
  if (ppds.length === 0) throw new SetProblem('kind ppd: no .ppd or .ppd.gz file among the files');
  for (const path of ppds) {
    const text = await ppdText(dir, path);
    if (!looksLikePpd(text)) {
      warnings.push(`${path} does not start with *PPD-Adobe: skipped`);
      continue;
    }
    const facts = readPpd(text);
    const models = [facts.nickName, facts.modelName].filter((m): m is string => m !== null).filter((m, i, all) => all.indexOf(m) === i);
    if (metadata.driverName && !models.includes(metadata.driverName)) continue;
    if (ppds.length > 1) warnings.push(`${ppds.length} PPD files: ${path} is the one installed`);
    return { kind, entryFile: path, driverName: metadata.driverName ?? facts.nickName ?? facts.modelName ?? path, version: metadata.version ?? facts.version ?? '', models, warnings };
  }
  throw new SetProblem(metadata.driverName ? `driver name "${metadata.driverName}" is not the *NickName or *ModelName of ${ppds.join(', ')}` : `${ppds.join(', ')}: not a PPD (no *PPD-Adobe: line at the start)`);
}
