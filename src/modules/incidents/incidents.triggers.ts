import type { TriggerSetting, VendorNotice } from '../../contracts/incidents.js';
import type { TriggerRow } from './incidents.store.js';

const HOUR_MS = 3_600_000;

/**
 * The setting in force for each trigger: the last one recorded (per vendor for breach
 * notices). A withdrawn time stays listed, with `at` null, so the record shows it was undone.
 */
export function currentTriggers(rows: readonly TriggerRow[]): TriggerSetting[] {
  const latest = new Map<string, TriggerRow>();
  for (const row of rows) latest.set(`${row.trigger}\n${row.vendor_id ?? ''}`, row);
  return [...latest.values()].map((row) => ({
    trigger: row.trigger as TriggerSetting['trigger'],
    at: row.at,
    reason: row.reason,
    source: row.source,
    vendorId: row.vendor_id,
    setBy: row.set_by,
    setAt: row.set_at,
    timelineSeq: Number(row.timeline_seq),
  }));
}

/** The instant a trigger is set to now (not a vendor's notice), or null while it is not set. */
export function triggerAt(triggers: readonly TriggerSetting[], name: string): string | null {
  return (
    triggers.find((setting) => setting.trigger === name && setting.vendorId === null)?.at ?? null
  );
}

/**
 * Each vendor breach notice against the shortest notice term of that vendor's agreements.
 * The vendor's own moment of discovery is not known here, so the term is counted from when
 * the incident was detected, or from awareness when detection is not recorded: the earliest
 * moment the shop can show the breach was there to be found.
 */
export function vendorNotices(
  triggers: readonly TriggerSetting[],
  vendors: ReadonlyMap<string, { name: string; termHours: number | null }>,
): VendorNotice[] {
  const detected = triggerAt(triggers, 'detected');
  const aware = triggerAt(triggers, 'aware');
  const countedFrom = detected !== null ? 'detected' : aware !== null ? 'aware' : null;
  const start = detected ?? aware;
  return triggers
    .filter((setting) => setting.trigger === 'vendor_notice_received' && setting.at !== null)
    .map((setting) => {
      const vendor = vendors.get(setting.vendorId!);
      const termHours = vendor?.termHours ?? null;
      const due =
        termHours === null || start === null ? null : Date.parse(start) + termHours * HOUR_MS;
      const late = due === null ? null : Math.max(0, Date.parse(setting.at!) - due) / HOUR_MS;
      return {
        vendorId: setting.vendorId!,
        vendorName: vendor?.name ?? setting.vendorId!,
        receivedAt: setting.at!,
        termHours,
        countedFrom: termHours === null ? null : countedFrom,
        dueAt: due === null ? null : new Date(due).toISOString(),
        lateByHours: late === null ? null : Math.round(late * 10) / 10,
      };
    });
}
