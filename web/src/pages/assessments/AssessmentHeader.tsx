import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { AssessmentDetail } from '../../api/assessments.js';
import { AssessmentStatusBadge } from '../../components/AssessmentBadges.js';
import { LocalTime } from '../../components/LocalTime.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { formatDay } from '../vendors/labels.js';
import { AssessmentActions, liveLinks } from './AssessmentActions.js';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    // min-width 0 lets a grid cell shrink; long email addresses wrap instead of overflowing.
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

export function AssessmentHeader({ detail }: { detail: AssessmentDetail }) {
  const worksUntil = liveLinks(detail)
    .map((link) => link.expiresAt)
    .sort()
    .at(-1);
  const lastUsed = detail.links
    .map((link) => link.lastUsedAt)
    .filter((at): at is string => at !== null)
    .sort()
    .at(-1);

  return (
    <Stack gap="md" mb="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={1} size="h2">
            Assessment of {detail.vendorName}
          </Title>
          <Text c="dimmed" size="sm">
            {detail.templateName} v{detail.templateVersion}
            {' · '}
            {detail.integrationName ?? 'Whole vendor'}
          </Text>
        </Stack>
        <AssessmentActions detail={detail} />
      </Group>
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md" verticalSpacing="sm">
          <Fact label="Vendor">
            <AnchorLink
              to="/vendors/$vendorId"
              params={{ vendorId: detail.vendorId }}
              size="sm"
              fw={500}
            >
              {detail.vendorName}
            </AnchorLink>
          </Fact>
          <Fact label="Integration">{detail.integrationName ?? 'Whole vendor'}</Fact>
          <Fact label="Questionnaire">
            {detail.templateName} v{detail.templateVersion}
          </Fact>
          <Fact label="Status">
            <AssessmentStatusBadge status={detail.status} />
          </Fact>
          <Fact label="Due date">{formatDay(detail.dueDate)}</Fact>
          <Fact label="Control score">
            <span data-testid="control-score">
              {detail.controlScore === null ? '—' : `${detail.controlScore}%`}
            </span>
          </Fact>
          <Fact label="Recipient">
            {detail.recipientName
              ? `${detail.recipientName} <${detail.recipientEmail}>`
              : detail.recipientEmail}
          </Fact>
          <Fact label="Sent">
            <LocalTime iso={detail.sentAt} fallback="Not yet" />
          </Fact>
          <Fact label="Submitted">
            <LocalTime iso={detail.submittedAt} fallback="Not yet" />
          </Fact>
          <Fact label="Decided">
            <LocalTime iso={detail.decidedAt} fallback="Not yet" />
          </Fact>
        </SimpleGrid>
        {detail.links.length > 0 && (
          <Text size="xs" c="dimmed" mt="sm" className="assessment-no-print">
            {worksUntil ? (
              <>
                The vendor&apos;s link works until <LocalTime iso={worksUntil} />.
              </>
            ) : (
              'No link works any more.'
            )}{' '}
            {lastUsed ? (
              <>
                Last opened <LocalTime iso={lastUsed} />.
              </>
            ) : (
              'Not opened yet.'
            )}
          </Text>
        )}
      </Paper>
    </Stack>
  );
}
