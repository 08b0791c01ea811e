import type { Incident } from '../../api/incidents.js';

/** The incident's owner and members by user id, with the email people know them by. */
export function peopleOf(incident: Incident): ReadonlyMap<string, string> {
  const people = new Map(incident.members.map((member) => [member.userId, member.email] as const));
  if (incident.ownerId) people.set(incident.ownerId, incident.ownerEmail ?? incident.ownerId);
  return people;
}

/**
 * Who did something, for "by …": the email of the owner or a member, else the user id (the
 * API names people by id only); null when it was no person (a token or Cordon itself).
 */
export function personLabel(
  people: ReadonlyMap<string, string>,
  userId: string | null,
): string | null {
  return userId === null ? null : (people.get(userId) ?? userId);
}
