import {
  Alert,
  Anchor,
  Badge,
  Code,
  Group,
  List,
  Paper,
  Stack,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import type { FindingDetail } from '../../api/exposure.js';
import { SeverityRatingBadge } from '../../components/ExposureBadges.js';
import { LocalTime } from '../../components/LocalTime.js';
import { AffectedList } from './AffectedList.js';

type Advisory = FindingDetail['advisory'];

// Advisory text comes from outside: only web links become links, everything else stays text.
const isWebLink = (url: string) => /^https?:\/\//i.test(url);

/** The advisory as its source published it, credited as its licence asks. */
export function AdvisoryCard({ advisory }: { advisory: Advisory }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="advisory-heading">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={2} size="h4" id="advisory-heading">
            Advisory {advisory.id}
          </Title>
          <Text size="xs" c="dimmed">
            Published <LocalTime iso={advisory.published} />, modified{' '}
            <LocalTime iso={advisory.modified} />
          </Text>
        </Group>
        {advisory.withdrawn && (
          <Alert color="yellow" variant="light" title="Withdrawn">
            The source withdrew this advisory on <LocalTime iso={advisory.withdrawn} />.
          </Alert>
        )}
        {advisory.summary && <Text fw={500}>{advisory.summary}</Text>}
        {advisory.details && (
          // Plain text with its line breaks: advisory details are never rendered as HTML.
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {advisory.details}
          </Text>
        )}
        <Group gap="xs" align="center">
          <Text size="sm" fw={500}>
            Severity
          </Text>
          <SeverityRatingBadge severity={advisory.severity} score={advisory.score} />
          {advisory.vector && <Code style={{ overflowWrap: 'anywhere' }}>{advisory.vector}</Code>}
          <Text size="xs" c="dimmed">
            from {advisory.severitySource}
          </Text>
        </Group>
        {advisory.aliases.length > 0 && (
          <Group gap={6}>
            <Text size="sm" fw={500}>
              Also known as
            </Text>
            {advisory.aliases.map((alias) => (
              <Badge key={alias} variant="outline" color="gray" tt="none">
                {alias}
              </Badge>
            ))}
          </Group>
        )}
        <AffectedList affected={advisory.affected} />
        {advisory.references.length > 0 && (
          <Stack gap={4}>
            <Title order={3} size="h5">
              References
            </Title>
            <List size="sm" spacing={2}>
              {advisory.references.map((reference, index) => (
                <List.Item key={`${reference.url}:${index}`} style={{ overflowWrap: 'anywhere' }}>
                  {isWebLink(reference.url) ? (
                    <Anchor
                      href={reference.url}
                      target="_blank"
                      rel="noopener noreferrer"
                      size="sm"
                    >
                      {reference.url}
                      <IconExternalLink size={12} aria-hidden style={{ marginLeft: 2 }} />
                      <VisuallyHidden> (opens in a new tab)</VisuallyHidden>
                    </Anchor>
                  ) : (
                    <Text span size="sm">
                      {reference.url}
                    </Text>
                  )}{' '}
                  <Text span size="xs" c="dimmed">
                    {reference.type.toLowerCase()}
                  </Text>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        <Text size="xs" c="dimmed" data-testid="advisory-attribution">
          {advisory.attribution}
        </Text>
      </Stack>
    </Paper>
  );
}
