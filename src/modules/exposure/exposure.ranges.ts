/**
 * Whether a version is affected by one OSV `affected` entry: listed in `versions`, or inside
 * a SEMVER or ECOSYSTEM range. Range events are applied in version order (an `introduced` of
 * "0" first): `introduced` opens, `fixed` and `limit` close at that version, `last_affected`
 * closes after it. GIT ranges name commits, not versions, and are not evaluated here.
 */
export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}
export interface OsvAffected {
  ranges?: { type: string; events: OsvEvent[] }[];
  versions?: string[];
}
export type Compare = (a: string, b: string) => number;

export interface Match {
  /** What made it match, for the finding's record: "versions", or the range's index and type. */
  rule: string;
}

function eventVersion(event: OsvEvent): string {
  return event.introduced ?? event.fixed ?? event.last_affected ?? event.limit ?? '';
}

export function affects(affected: OsvAffected, version: string, compare: Compare): Match | null {
  if (affected.versions?.some((listed) => compare(listed, version) === 0))
    return { rule: 'versions' };
  for (const [index, range] of (affected.ranges ?? []).entries()) {
    if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') continue;
    const events = [...range.events].sort((a, b) => {
      if (a.introduced === '0') return -1;
      if (b.introduced === '0') return 1;
      return compare(eventVersion(a), eventVersion(b));
    });
    let inside = false;
    for (const event of events) {
      if (event.introduced !== undefined) {
        if (event.introduced === '0' || compare(version, event.introduced) >= 0) inside = true;
      } else if (event.fixed !== undefined) {
        if (compare(version, event.fixed) >= 0) inside = false;
      } else if (event.last_affected !== undefined) {
        if (compare(version, event.last_affected) > 0) inside = false;
      } else if (event.limit !== undefined) {
        if (compare(version, event.limit) >= 0) inside = false;
      }
    }
    if (inside) return { rule: `ranges[${index}] ${range.type}` };
  }
  return null;
}
