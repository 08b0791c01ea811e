/** Who may do what in detection; routes declare these and services check them again. */
export const ACCESS = {
  read: { role: 'viewer', scope: 'read' },
  write: { role: 'analyst', scope: 'write' },
  admin: { role: 'admin', scope: 'admin' },
  ingest: { role: 'analyst', scope: 'ingest' },
} as const;
