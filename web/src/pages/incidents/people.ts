import type { Incident } from '../../api/incidents.js';

/** The incident's owner and members by user id, with the email people know them by. */
export function peopleOf(incident: Incident): ReadonlyMap<string, string> {
  const people = new Map(incident.members.map((member) => [member.userId, member.email] as const));
  if (incident.ownerId) people.set(incident.ownerId, incident.ownerEmail ?? incident.ownerId);
  return people;
}
