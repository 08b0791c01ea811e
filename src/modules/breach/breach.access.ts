/**
 * Who may do what. Obligations belong to incidents, so the incidents service checks each
 * incident (restricted ones: 404); these are the role and scope a route or a shop-wide call
 * (rules, templates) needs besides.
 */
export const BREACH_ACCESS = {
  read: { role: 'viewer', scope: 'read' },
  write: { role: 'analyst', scope: 'write' },
} as const;
