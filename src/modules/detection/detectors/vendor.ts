import type { DetectionSettings } from '../../../contracts/detection.js';
import { medianOf } from '../detection.baseline.js';
import type { SignalBus } from '../detection.bus.js';
import { vendorKeyOf, type ApiAccessEvent } from '../detection.events.js';
import { round, severityOf } from '../detection.signals.js';

const BUCKET_MS = 5 * 60_000;
const HOUR_MS = 3_600_000;
/** A key's own baseline: its hourly volumes over the last week. */
const BASELINE_HOURS = 7 * 24;
/** Below this many observed hours there is no baseline to compare against. */
const MIN_BASELINE_HOURS = 24;

class KeyVolume {
  /** Records per 5-minute bucket, keyed by bucket start. */
  readonly buckets = new Map<number, { records: number; bytes: number }>();
  /** Records per closed hour, keyed by hour start. */
  readonly hours = new Map<number, number>();
  currentHour = -1;
  currentHourRecords = 0;
  /** Median of `hours`, recomputed when an hour closes rather than on every event. */
  medianHourly = 0;
}

/**
 * A vendor's API key pulling far more than it normally does, and data outside what the
 * integration declared. Each key is measured against its own history: a recommendations
 * vendor that reads 20,000 records a day and one that reads 2,000,000 are both normal.
 */
export function createVendorDetector(
  settings: DetectionSettings,
  bus: SignalBus,
  declaredCategories: (integrationId: string) => ReadonlySet<string> | undefined,
) {
  const keys = new Map<string, KeyVolume>();
  const { windowMinutes, factor, minRecords } = settings.vendorVolume;

  function volumeOf(id: string): KeyVolume {
    let volume = keys.get(id);
    if (!volume) keys.set(id, (volume = new KeyVolume()));
    return volume;
  }

  function closeHours(volume: KeyVolume, hour: number): void {
    if (volume.currentHour === hour) return;
    if (volume.currentHour >= 0) {
      volume.hours.set(volume.currentHour, volume.currentHourRecords);
      // Hours with no traffic at all are real observations of zero.
      for (let h = volume.currentHour + HOUR_MS; h < hour; h += HOUR_MS) volume.hours.set(h, 0);
    }
    for (const h of volume.hours.keys())
      if (h < hour - BASELINE_HOURS * HOUR_MS) volume.hours.delete(h);
    volume.currentHour = hour;
    volume.currentHourRecords = 0;
    volume.medianHourly = medianOf([...volume.hours.values()]);
  }

  function checkVolume(event: ApiAccessEvent, id: string, volume: KeyVolume): void {
    if (volume.hours.size < MIN_BASELINE_HOURS) return;
    const since = event.time - windowMinutes * 60_000;
    let records = 0;
    let bytes = 0;
    for (const [start, bucket] of volume.buckets) {
      if (start + BUCKET_MS <= since) volume.buckets.delete(start);
      else {
        records += bucket.records;
        bytes += bucket.bytes;
      }
    }
    const expected = Math.max(volume.medianHourly * (windowMinutes / 60), 1);
    const times = records / expected;
    if (records < minRecords || times < factor) return;
    const key = `vendor_api_volume:${id}`;
    if (!bus.due(key, event.time)) return;
    bus.emit({
      detector: 'vendor_api_volume',
      key,
      stream: `api:${event.integrationId}`,
      severity: severityOf(times, { critical: 30, high: factor, medium: 0 }),
      at: event.time,
      title: `Vendor API key pulling ${round(times, 1)}× its normal volume`,
      reason:
        `${records} records (${bytes} bytes) in ${windowMinutes} minutes where this key's median ` +
        `is ${round(expected, 1)} (last ${volume.hours.size} hours); threshold ${factor}×`,
      measures: [
        { name: 'times baseline', observed: round(times, 1), threshold: factor, comparator: '>=' },
        { name: 'records', observed: records, threshold: minRecords, comparator: '>=' },
      ],
      counts: { records, bytes, expectedRecords: round(expected, 1) },
      topSources: [{ value: event.keyId ?? event.integrationId, count: records }],
      topAccounts: [],
      point: records,
      primary: { kind: 'integration', value: event.integrationId },
      subjects: { sources: [], targets: [], takenOver: [], integrationId: event.integrationId },
    });
  }

  function checkScope(event: ApiAccessEvent): void {
    const declared = declaredCategories(event.integrationId);
    if (!declared || event.categories.length === 0) return;
    const outside = event.categories.filter((category) => !declared.has(category));
    if (outside.length === 0) return;
    const key = `vendor_api_scope:${event.integrationId}`;
    const subjects = { integrationId: event.integrationId, categories: outside };
    if (!bus.due(key, event.time)) return bus.addSubjects(key, { categories: outside });
    bus.emit({
      detector: 'vendor_api_scope',
      key,
      stream: `api:${event.integrationId}`,
      severity: 'high',
      at: event.time,
      title: `Vendor API access to undeclared data: ${outside.join(', ')}`,
      reason:
        `${event.endpoint} returned ${event.records} records with ${outside.join(', ')}, ` +
        `outside the integration's declared categories (${[...declared].join(', ') || 'none'})`,
      measures: [
        { name: 'undeclared categories', observed: outside.length, threshold: 1, comparator: '>=' },
      ],
      counts: { records: event.records, bytes: event.bytes },
      topSources: [{ value: event.keyId ?? event.integrationId, count: event.records }],
      topAccounts: [],
      point: event.records,
      primary: { kind: 'integration', value: event.integrationId },
      subjects: { sources: [], targets: [], takenOver: [], ...subjects },
    });
  }

  return {
    onApiAccess(event: ApiAccessEvent): void {
      const id = vendorKeyOf(event);
      const volume = volumeOf(id);
      closeHours(volume, event.time - (event.time % HOUR_MS));
      volume.currentHourRecords += event.records;
      const start = event.time - (event.time % BUCKET_MS);
      const bucket = volume.buckets.get(start);
      if (bucket) {
        bucket.records += event.records;
        bucket.bytes += event.bytes;
      } else volume.buckets.set(start, { records: event.records, bytes: event.bytes });
      checkVolume(event, id, volume);
      checkScope(event);
    },
    /**
     * Seeds a key's hourly history (from stored series) so a restart keeps its baseline. The
     * median follows at the key's first event, which always closes the hours before it.
     */
    seedHour(id: string, hourStart: number, records: number): void {
      volumeOf(id).hours.set(hourStart, records);
    },
  };
}
