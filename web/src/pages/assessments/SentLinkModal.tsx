import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { SentLink } from '../../api/assessments.js';
import { LocalTime } from '../../components/LocalTime.js';
import { SecretValue } from '../../components/SecretValue.js';

/**
 * The portal link, shown once: only its hash is kept, so closing this is the last chance to
 * copy it (the recipient has it by email too).
 */
export function SentLinkModal({
  link,
  recipient,
  onClose,
}: {
  link: SentLink | null;
  recipient: string;
  onClose: () => void;
}) {
  return (
    <Modal opened={link !== null} onClose={onClose} title="Questionnaire link sent" centered>
      {link && (
        <Stack>
          <Text size="sm">
            The link was emailed to {recipient}. It is shown here once: copy it now if you want to
            pass it on another way.
          </Text>
          <SecretValue label="Questionnaire link" value={link.url} testId="sent-link" />
          <Text size="sm">
            It works until <LocalTime iso={link.expiresAt} />. Any link sent earlier for this
            assessment no longer works.
          </Text>
          <Group justify="flex-end">
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
