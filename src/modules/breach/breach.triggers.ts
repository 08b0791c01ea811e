import type { Incident } from '../../contracts/incidents.js';

/** The time in force for one of the incident's own triggers (not a vendor's notice). */
export function triggerTime(incident: Incident, trigger: string): string | null {
  return incident.triggers.find((t) => t.trigger === trigger && t.vendorId === null)?.at ?? null;
}
