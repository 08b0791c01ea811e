import {
  Badge,
  Button,
  Divider,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import type { ReactNode } from 'react';
import type { Agreement } from '../../../api/vendors.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { daysUntil, formatDay } from '../labels.js';
import { AgreementDocuments } from './AgreementDocuments.js';

/** Warn this many days before a contract ends. */
const soonDays = 60;

export function ExpiryBadge({ expiresOn }: { expiresOn: string | null }) {
  if (!expiresOn) return null;
  const days = daysUntil(expiresOn);
  if (days < 0)
    return (
      <Badge color="red" variant="filled">
        expired
      </Badge>
    );
  const label = days === 0 ? 'expires today' : `expires in ${days} ${days === 1 ? 'day' : 'days'}`;
  return (
    <Badge color={days <= soonDays ? 'orange' : 'gray'} variant="light" tt="none">
      {label}
    </Badge>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const days = (value: number | null) => (value == null ? '—' : `${value} days`);

export function AgreementCard({
  agreement,
  canWrite,
  isAdmin,
  onEdit,
  onDelete,
}: {
  agreement: Agreement;
  canWrite: boolean;
  isAdmin: boolean;
  onEdit: () => void;
  onDelete: () => Promise<unknown>;
}) {
  return (
    <Paper withBorder radius="md" p="md" data-testid="agreement">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Group gap="xs">
          <Badge variant="outline">{agreement.type}</Badge>
          <Title order={3} size="h5">
            {agreement.title}
          </Title>
          <ExpiryBadge expiresOn={agreement.expiresOn} />
          {agreement.autoRenews && (
            <Badge variant="light" color="blue" tt="none">
              renews automatically
            </Badge>
          )}
        </Group>
        <Group gap="xs">
          {canWrite && (
            <Button
              size="xs"
              variant="subtle"
              onClick={onEdit}
              aria-label={`Edit contract ${agreement.title}`}
            >
              Edit
            </Button>
          )}
          {isAdmin && (
            <ConfirmButton
              size="xs"
              variant="subtle"
              aria-label={`Delete contract ${agreement.title}`}
              title={`Delete "${agreement.title}"?`}
              message="The contract and its documents are deleted. This cannot be undone."
              confirmLabel="Delete contract"
              onConfirm={onDelete}
            >
              Delete
            </ConfirmButton>
          )}
        </Group>
      </Group>
      <Group align="flex-start" gap="xl" wrap="wrap">
        <Stack gap={0} miw={140}>
          <Text size="xs" c="dimmed" fw={500}>
            Breach notice
          </Text>
          <Text size="xl" fw={700} data-testid="breach-notice">
            {agreement.breachNoticeHours == null
              ? 'not agreed'
              : `${agreement.breachNoticeHours} h`}
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" style={{ flex: 1 }}>
          <Fact label="Signed">{formatDay(agreement.signedOn)}</Fact>
          <Fact label="Effective">{formatDay(agreement.effectiveOn)}</Fact>
          <Fact label="Expires">{formatDay(agreement.expiresOn)}</Fact>
          <Fact label="Audit rights">{yesNo(agreement.auditRights)}</Fact>
          <Fact label="Subprocessor approval">{yesNo(agreement.subprocessorApproval)}</Fact>
          <Fact label="Renewal notice">{days(agreement.renewalNoticeDays)}</Fact>
          <Fact label="Termination notice">{days(agreement.terminationNoticeDays)}</Fact>
        </SimpleGrid>
      </Group>
      {agreement.notes && (
        <Text size="sm" mt="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {agreement.notes}
        </Text>
      )}
      <Divider my="sm" />
      <AgreementDocuments agreement={agreement} canWrite={canWrite} />
    </Paper>
  );
}
