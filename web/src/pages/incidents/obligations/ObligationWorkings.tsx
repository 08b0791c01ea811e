import { Anchor, Badge, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Obligation } from '../../../api/breach.js';
import { formatDay } from '../../vendors/labels.js';
import { DisclosureButton } from '../DisclosureButton.js';
import { considerationLabels } from './labels.js';

/**
 * The working behind an obligation, folded away until asked for: the statute (linked), how far
 * the rule was checked against it, each test the engine applied, and what the notice must say.
 */
export function ObligationWorkings({ obligation }: { obligation: Obligation }) {
  const [open, setOpen] = useState(false);
  const regionId = `obligation-${obligation.key}-workings`;

  return (
    <Stack gap="xs">
      <DisclosureButton
        size="compact-sm"
        open={open}
        controls={regionId}
        onToggle={() => setOpen((shown) => !shown)}
      >
        How this was worked out
      </DisclosureButton>
      {open && (
        <Stack gap="sm" id={regionId} pl="sm">
          <Source obligation={obligation} />
          <Considered obligation={obligation} />
          <Content obligation={obligation} />
        </Stack>
      )}
    </Stack>
  );
}

function Source({ obligation }: { obligation: Obligation }) {
  const { citation, verified, version } = obligation;
  return (
    <Stack gap={4}>
      <Text size="sm">
        <Text span c="dimmed">
          Source:{' '}
        </Text>
        {citation ? (
          <Anchor href={citation.url} target="_blank" rel="noopener noreferrer" size="sm">
            {citation.statute}
          </Anchor>
        ) : (
          'no citation in the rule'
        )}
        {version && (
          <Text span c="dimmed">
            {' '}
            (version in force from {formatDay(version)})
          </Text>
        )}
      </Text>
      {verified ? (
        <Stack gap={2}>
          <Group gap={6}>
            <Badge
              color={verified.status === 'verified' ? 'teal' : 'gray'}
              variant="light"
              style={{ textTransform: 'none' }}
            >
              source checked: {verified.status}
            </Badge>
            <Text size="xs" c="dimmed">
              on {formatDay(verified.on)}
            </Text>
          </Group>
          {verified.note && (
            <Text size="xs" c="dimmed">
              {verified.note}
            </Text>
          )}
        </Stack>
      ) : (
        <Badge color="gray" variant="light" style={{ textTransform: 'none' }}>
          source checked: not recorded
        </Badge>
      )}
    </Stack>
  );
}

function Considered({ obligation }: { obligation: Obligation }) {
  if (obligation.considered.length === 0) return null;
  return (
    <Stack gap={4}>
      <Title order={4} size="h6">
        What was considered
      </Title>
      <List size="sm" spacing={6}>
        {obligation.considered.map((step, index) => (
          <List.Item key={`${step.kind}-${index}`}>
            <Text span size="sm" fw={600}>
              {considerationLabels[step.kind]}: {step.outcome}.
            </Text>{' '}
            <Text span size="sm">
              {step.text}
            </Text>
            {step.citation && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({step.citation})
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}

function Content({ obligation }: { obligation: Obligation }) {
  if (obligation.content.length === 0) return null;
  return (
    <Stack gap={4}>
      <Title order={4} size="h6">
        What the notice must say
      </Title>
      <List size="sm" spacing={6}>
        {obligation.content.map((element) => (
          <List.Item key={element.id}>
            <Text span size="sm">
              {element.label}
            </Text>
            {element.heading && (
              <Badge ml={6} size="xs" variant="outline" style={{ textTransform: 'none' }}>
                as a heading, word for word
              </Badge>
            )}
            {element.when && (
              <Badge
                ml={6}
                size="xs"
                color="orange"
                variant="outline"
                style={{ textTransform: 'none' }}
              >
                {element.when === 'late' ? 'only in a late notice' : `only when ${element.when}`}
              </Badge>
            )}
            {element.citation && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({element.citation})
              </Text>
            )}
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
