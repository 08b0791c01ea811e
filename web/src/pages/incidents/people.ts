import type { Incident } from '../../api/incidents.js';

/** Everyone the incident's record names, by user id, with the email people know them by. */
export function peopleOf(incident: Incident): ReadonlyMap<string, string> {
  return new Map(incident.people.map((person) => [person.userId, person.email] as const));
}

/** Who may hold a task: the owner and members (a restricted incident allows no one else). */
export function teamOf(incident: Incident): ReadonlyMap<string, string> {
  const team = new Map(incident.members.map((member) => [member.userId, member.email] as const));
  if (incident.ownerId) team.set(incident.ownerId, incident.ownerEmail ?? incident.ownerId);
  return team;
}

/**
 * Who did something, for "by …": their email, else the user id (a user since removed); null
 * when it was no person (a token or Cordon itself).
 */
export function personLabel(
  people: ReadonlyMap<string, string>,
  userId: string | null,
): string | null {
  return userId === null ? null : (people.get(userId) ?? userId);
}
