import { readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { MibSnapshot } from '../../src-shared/snmp/mib-snapshot';
import { parseSnmprec } from '../../src-main/simulator/snmprec-parser';

/** Real-device recordings shared by all engineers (never copied into the project). */
const SNMPREC_DIR = resolve(__dirname, '../../../shared/fixtures/printers/snmprec');

/**
 * A recording as a MibSnapshot, parsed by the simulator's snmprec parser (the same data the
 * simulator serves). `file` is a path, or a recording name ("sharp_mxm266nv" or
 * "sharp_mxm266nv.snmprec") in ../shared/fixtures/printers/snmprec. Throws when the file is
 * missing or malformed (the error names file and line).
 */
export function loadSnmprecSnapshot(file: string): MibSnapshot {
  const path = isAbsolute(file) || file.includes('/') ? file : join(SNMPREC_DIR, file.endsWith('.snmprec') ? file : `${file}.snmprec`);
  return new MibSnapshot(parseSnmprec(readFileSync(path, 'utf8'), path));
}
