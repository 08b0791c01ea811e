import { Button } from '@mantine/core';
import { IconPrinter } from '@tabler/icons-react';
import type { Obligation } from '../../../api/breach.js';

/**
 * A duty to an authority is filed, not mailed: its report opens as a printable page, filled in
 * from the incident (the session cookie authorises the request, as for any page read).
 */
export function PrintableReportLink({
  incidentId,
  obligation,
}: {
  incidentId: string;
  obligation: Obligation;
}) {
  if (obligation.recipient === 'individuals' || obligation.recipient === 'internal') return null;
  const href = `/api/v1/incidents/${incidentId}/obligations/${encodeURIComponent(obligation.key)}/report?locale=en`;
  return (
    <Button
      component="a"
      href={href}
      target="_blank"
      rel="noopener"
      size="compact-sm"
      variant="subtle"
      w="fit-content"
      leftSection={<IconPrinter size={14} aria-hidden />}
    >
      Printable report
    </Button>
  );
}
