import { Button, Group, Stack, Text } from '@mantine/core';
import type { Assessment, SentLink } from '../../../api/assessments.js';
import { LocalTime } from '../../../components/LocalTime.js';
import { ButtonLink } from '../../../components/RouterLinks.js';
import { SecretValue } from '../../../components/SecretValue.js';

export interface SentAssessment {
  assessment: Assessment;
  link: SentLink;
}

/** The portal link, shown this once: only its hash is kept, so it cannot be shown again. */
export function AssessmentLinkSent({ sent, onDone }: { sent: SentAssessment; onDone: () => void }) {
  const { assessment, link } = sent;
  return (
    <Stack>
      <Text size="sm">
        We emailed this link to <strong>{assessment.recipientEmail}</strong>. If the email does not
        arrive, send the link another way. It is shown only now and works until{' '}
        <LocalTime iso={link.expiresAt} />. Sending the assessment again makes a new link, and
        earlier links stop working.
      </Text>
      <SecretValue label="Portal link" value={link.url} testId="assessment-link" />
      <Group justify="flex-end">
        <ButtonLink
          to="/assessments/$assessmentId"
          params={{ assessmentId: assessment.id }}
          variant="default"
        >
          Open assessment
        </ButtonLink>
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}
