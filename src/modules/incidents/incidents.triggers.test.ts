import { describe, expect, it } from 'vitest';
import type { TriggerRow } from './incidents.store.js';
import { currentTriggers, vendorNotices } from './incidents.triggers.js';

const VENDOR_X = '2b0c6f0e-0000-4000-8000-00000000000x';
let seq = 0;
const setting = (
  trigger: string,
  at: string | null,
  vendorId: string | null = null,
): TriggerRow => ({
  id: `t${++seq}`,
  incident_id: 'i',
  trigger,
  vendor_id: vendorId,
  at,
  reason: 'r',
  source: 's',
  set_by: null,
  set_at: '2026-03-20T00:00:00.000Z',
  timeline_seq: seq,
});
const terms = new Map([[VENDOR_X, { name: 'Vendor X Analytics GmbH', termHours: 72 }]]);

describe('trigger times', () => {
  it('keeps the last setting of each trigger, withdrawn ones included', () => {
    const current = currentTriggers([
      setting('aware', '2026-03-11T08:00:00.000Z'),
      setting('aware', '2026-03-12T08:00:00.000Z'),
      setting('detected', '2026-03-10T02:40:00.000Z'),
      setting('detected', null),
    ]);
    expect(current.map((t) => [t.trigger, t.at])).toEqual([
      ['aware', '2026-03-12T08:00:00.000Z'],
      ['detected', null],
    ]);
  });

  it("finds Vendor X's notice of March 16 late against its 72-hour term from detection", () => {
    const current = currentTriggers([
      setting('detected', '2026-03-10T02:40:00.000Z'),
      setting('aware', '2026-03-12T08:00:00.000Z'),
      setting('vendor_notice_received', '2026-03-16T10:00:00.000Z', VENDOR_X),
    ]);
    expect(vendorNotices(current, terms)).toEqual([
      {
        vendorId: VENDOR_X,
        vendorName: 'Vendor X Analytics GmbH',
        receivedAt: '2026-03-16T10:00:00.000Z',
        termHours: 72,
        countedFrom: 'detected',
        dueAt: '2026-03-13T02:40:00.000Z',
        lateByHours: 79.3,
      },
    ]);
  });

  it('counts from awareness without a detection time, and says nothing without a term', () => {
    const notice = setting('vendor_notice_received', '2026-03-14T08:00:00.000Z', VENDOR_X);
    const fromAware = vendorNotices(
      currentTriggers([setting('aware', '2026-03-12T08:00:00.000Z'), notice]),
      terms,
    );
    expect(fromAware[0]).toMatchObject({ countedFrom: 'aware', lateByHours: 0 });
    const noTerm = vendorNotices(
      currentTriggers([setting('aware', '2026-03-12T08:00:00.000Z'), notice]),
      new Map([[VENDOR_X, { name: 'Vendor X', termHours: null }]]),
    );
    expect(noTerm[0]).toMatchObject({ termHours: null, dueAt: null, lateByHours: null });
  });
});
