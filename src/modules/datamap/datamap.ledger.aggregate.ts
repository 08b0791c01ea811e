import { orMask } from '../../lib/bitmask.js';
import type { CategoryIndex } from './datamap.categories.js';
import type { LedgerEvent } from './datamap.ledger.parse.js';
import type { AlertRow, DailyRow, LedgerRow } from './datamap.ledger.store.js';

/**
 * Folds a batch of counted events into the rows the ledger stores: one per (integration,
 * customer), one per (integration, day), and one alert per (integration, undeclared category).
 * Doing this in memory first turns thousands of events into far fewer upserts.
 */
export function aggregateEvents(
  events: readonly LedgerEvent[],
  categories: CategoryIndex,
  newId: () => string,
): { ledger: LedgerRow[]; daily: DailyRow[]; alerts: AlertRow[] } {
  const ledger = new Map<string, LedgerRow>();
  const daily = new Map<string, DailyRow>();
  const alerts = new Map<string, AlertRow>();

  for (const event of events) {
    const key = `${event.ledgerNo}\u0000${event.customer}`;
    const row = ledger.get(key);
    if (row) {
      row.mask = orMask(row.mask, event.mask);
      row.firstAt = Math.min(row.firstAt, event.at);
      row.lastAt = Math.max(row.lastAt, event.at);
      row.events += 1;
      row.records += event.records;
    } else {
      ledger.set(key, {
        ledgerNo: event.ledgerNo,
        customer: event.customer,
        mask: event.mask,
        firstAt: event.at,
        lastAt: event.at,
        events: 1,
        records: event.records,
      });
    }

    const day = new Date(event.at * 1000).toISOString().slice(0, 10);
    const dayKey = `${event.ledgerNo}\u0000${day}`;
    const total = daily.get(dayKey);
    if (total) {
      total.events += 1;
      total.records += event.records;
      total.mask = orMask(total.mask, event.mask);
    } else {
      daily.set(dayKey, {
        ledgerNo: event.ledgerNo,
        day,
        events: 1,
        records: event.records,
        mask: event.mask,
      });
    }

    if (event.undeclared !== 0) addAlerts(alerts, event, categories, newId);
  }
  return { ledger: [...ledger.values()], daily: [...daily.values()], alerts: [...alerts.values()] };
}

function addAlerts(
  alerts: Map<string, AlertRow>,
  event: LedgerEvent,
  categories: CategoryIndex,
  newId: () => string,
) {
  const seenAt = new Date(event.at * 1000).toISOString();
  for (const category of categories.keysOf(event.undeclared)) {
    const key = `${event.integrationId}\u0000${category}`;
    const alert = alerts.get(key);
    if (alert) {
      alert.events += 1;
      if (seenAt < alert.firstSeenAt) alert.firstSeenAt = seenAt;
      if (seenAt > alert.lastSeenAt) alert.lastSeenAt = seenAt;
    } else {
      alerts.set(key, {
        id: newId(),
        integrationId: event.integrationId,
        category,
        events: 1,
        firstSeenAt: seenAt,
        lastSeenAt: seenAt,
      });
    }
  }
}
