import type { AlertReading, SupplyReading, TrayReading } from '../domain/device-reading';
import { codeName } from '../mib/code-table';
import { PRT_ALERT_CODE_NAMES, PRT_ALERT_GROUP_NAMES, PRT_ALERT_TRAINING_LEVEL_NAMES } from '../mib/iana-printer.codes';
import { PRT_ALERT_SEVERITY_LEVEL_NAMES } from '../mib/printer-mib.codes';
import { PRT_ALERT_TABLE } from '../mib/printer-mib.oids';
import type { MibSnapshot } from '../snmp/mib-snapshot';
import type { SnmpTextOptions } from '../snmp/snmp-text';
import { asNumber, isTooBig } from '../snmp/snmp-value';
import { TOO_LARGE_NOTE } from '../supplies/supply-normaliser';
import { codeInWords } from '../status/alert-code-words';
import type { StatusAlert } from '../status/status-deriver';

/** Alerts both as users see them and as the status deriver weighs them. */
export interface AlertRows {
  alerts: AlertReading[];
  forStatus: StatusAlert[];
}

const A = PRT_ALERT_TABLE;
/** Alert descriptions may arrive as their hex digits. */
const UNHEX: SnmpTextOptions = { unhexDigits: true };

/**
 * prtAlertTable rows, in table order, with the supply or tray each refers to (prtAlertGroup +
 * prtAlertGroupIndex) resolved against the readings of the same snapshot. Never throws.
 */
export function readAlerts(snapshot: MibSnapshot, supplies: readonly SupplyReading[], trays: readonly TrayReading[]): AlertRows {
  const rows = new Set<string>();
  for (const row of snapshot.column(A.prtAlertCode)) rows.add(row.index);
  for (const row of snapshot.column(A.prtAlertSeverityLevel)) rows.add(row.index);
  const out: AlertRows = { alerts: [], forStatus: [] };
  if (rows.size === 0) return out;
  const supplyByIndex = new Map(supplies.map((s) => [s.index, s]));
  const trayByIndex = new Map(trays.map((t) => [t.index, t]));
  for (const index of rows) {
    const severityCode = asNumber(snapshot.get(`${A.prtAlertSeverityLevel}.${index}`));
    const severity = codeName(PRT_ALERT_SEVERITY_LEVEL_NAMES, severityCode);
    const group = codeName(PRT_ALERT_GROUP_NAMES, asNumber(snapshot.get(`${A.prtAlertGroup}.${index}`)));
    const groupIndex = asNumber(snapshot.get(`${A.prtAlertGroupIndex}.${index}`));
    const codeNumber = asNumber(snapshot.get(`${A.prtAlertCode}.${index}`));
    const code = codeName(PRT_ALERT_CODE_NAMES, codeNumber);
    const hrIndex = index.slice(0, index.indexOf('.'));
    const part = groupIndex !== null && groupIndex > 0 ? `${hrIndex}.${groupIndex}` : null;
    const supply = group === 'markerSupplies' && part !== null ? (supplyByIndex.get(part) ?? null) : null;
    const tray = group === 'input' && part !== null ? (trayByIndex.get(part) ?? null) : null;
    const descriptionOid = `${A.prtAlertDescription}.${index}`;
    const description =
      snapshot.text(descriptionOid, UNHEX) ??
      `${code !== null ? codeInWords(code) : codeNumber !== null ? `Alert code ${codeNumber}` : 'Alert'}${isTooBig(snapshot.get(descriptionOid)) ? ` ${TOO_LARGE_NOTE}` : ''}`;
    out.alerts.push({
      severity: severity ?? 'other',
      group,
      code: code ?? (codeNumber !== null ? `code${codeNumber}` : null),
      description,
      location: tray?.name ?? supply?.description ?? (groupIndex !== null && groupIndex > 0 ? String(groupIndex) : null),
    });
    out.forStatus.push({
      severity,
      training: codeName(PRT_ALERT_TRAINING_LEVEL_NAMES, asNumber(snapshot.get(`${A.prtAlertTrainingLevel}.${index}`))),
      code,
      group,
      description,
      supply,
      tray,
    });
  }
  return out;
}
