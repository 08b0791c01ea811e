import { Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { Obligation } from '../../../api/breach.js';
import { formatCount } from '../../../components/counts.js';
import { DisclosureButton } from '../DisclosureButton.js';
import { PlainList } from '../PlainList.js';
import { notRequiredReason, obligationPlace } from './labels.js';

/**
 * The duties nothing in the scope brings, each with the one sentence that says why not.
 * Folded away: most of the rule book is not required for most incidents.
 */
export function NotRequiredList({ obligations }: { obligations: Obligation[] }) {
  const [open, setOpen] = useState(false);
  if (obligations.length === 0) return null;
  const listId = 'obligations-not-required';

  return (
    <Stack gap="xs">
      <DisclosureButton
        size="compact-sm"
        open={open}
        controls={listId}
        onToggle={() => setOpen((shown) => !shown)}
      >
        Not required ({formatCount(obligations.length)})
      </DisclosureButton>
      {open && (
        <div id={listId}>
          <PlainList label="Not required" testId="obligations-not-required">
            {obligations.map((obligation) => (
              <Text component="li" size="sm" key={obligation.key}>
                <Text span fw={600} size="sm">
                  {obligation.duty}
                </Text>{' '}
                <Text span c="dimmed" size="sm">
                  · {obligationPlace(obligation)}:
                </Text>{' '}
                {notRequiredReason(obligation)}
              </Text>
            ))}
          </PlainList>
        </div>
      )}
    </Stack>
  );
}
