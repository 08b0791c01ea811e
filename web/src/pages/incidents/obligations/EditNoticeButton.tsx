import { Button } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import type { Obligation } from '../../../api/breach.js';

const route = getRouteApi('/signed-in/incidents/$incidentId');

/** Opens the notice editor for an obligation; the open editor is in the page's address. */
export function EditNoticeButton({
  obligation,
  editable,
}: {
  obligation: Obligation;
  editable: boolean;
}) {
  const navigate = route.useNavigate();
  const action = editable ? 'Edit notice' : 'View notice';
  return (
    <Button
      size="compact-sm"
      variant="light"
      w="fit-content"
      leftSection={<IconMail size={14} aria-hidden />}
      aria-haspopup="dialog"
      onClick={() =>
        void navigate({
          search: (previous) => ({ ...previous, notice: obligation.key }),
          replace: true,
        })
      }
    >
      {action}
    </Button>
  );
}
