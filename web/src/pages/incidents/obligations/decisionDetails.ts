import type { Decision } from '../../../api/breach.js';
import { formatDateTime } from '../../../lib/format.js';

const asText = (value: unknown) => (typeof value === 'string' ? value : null);

/** A decision's own fields in one line: "harm likely", "FBI, from … until …", "ref 123, at …". */
export function decisionDetails(decision: Decision): string {
  const d = decision.details;
  switch (decision.kind) {
    case 'risk_assessment':
      return `harm ${asText(d.conclusion) ?? 'not stated'}`;
    case 'not_applicable':
      return 'does not reach this shop';
    case 'law_enforcement_delay': {
      const until = asText(d.until);
      return `${asText(d.agency) ?? 'agency not named'}, from ${formatDateTime(asText(d.from))} ${until ? `until ${formatDateTime(until)}` : 'while it lasts'}`;
    }
    case 'notice_given':
      return `given ${formatDateTime(asText(d.at))}, reference ${asText(d.reference) ?? '—'}`;
  }
}
