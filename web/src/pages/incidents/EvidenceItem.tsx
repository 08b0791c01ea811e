import { Badge, Button, Code, Group, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import {
  evidenceContentUrl,
  useUpdateEvidence,
  type Evidence,
  type EvidencePatch,
} from '../../api/incidents.js';
import { CopyButton } from '../../components/CopyButton.js';
import { LocalTime } from '../../components/LocalTime.js';
import { formatBytes } from '../vendors/labels.js';
import { CustodyLog } from './CustodyLog.js';
import { DisclosureButton } from './DisclosureButton.js';
import { ItemCard, ItemCardHeader } from './ItemCard.js';
import { shortHash } from './labels.js';

/** One evidence file: its hash, where it came from, its labels, and its chain of custody. */
export function EvidenceItem({
  evidence,
  downloadPurpose,
  editable,
}: {
  evidence: Evidence;
  downloadPurpose: string;
  editable: boolean;
}) {
  const [showCustody, setShowCustody] = useState(false);
  const update = useUpdateEvidence(evidence.incidentId);
  const headingId = `evidence-${evidence.id}`;
  const custodyId = `evidence-${evidence.id}-custody`;

  function saveLabel(patch: EvidencePatch, change: string) {
    update.mutate(
      { evidenceId: evidence.id, patch },
      {
        onSuccess: () =>
          notifications.show({ color: 'teal', message: `${evidence.fileName}: ${change}.` }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'The label was not changed',
            message: error instanceof ApiError ? error.message : 'Please try again.',
          }),
      },
    );
  }

  return (
    <ItemCard headingId={headingId} testId="evidence-item">
      <ItemCardHeader
        headingId={headingId}
        title={evidence.fileName}
        wrap="wrap"
        aside={
          <Group gap={6}>
            {evidence.legalHold && (
              <Badge color="orange" variant="light" title="Kept whatever retention says">
                Legal hold
              </Badge>
            )}
            {evidence.privileged && (
              <Badge color="grape" variant="light" title="Left out of exports unless asked for">
                Privileged
              </Badge>
            )}
            {editable && (
              <Button
                component="a"
                href={evidenceContentUrl(evidence.incidentId, evidence.id, downloadPurpose)}
                download={evidence.fileName}
                size="xs"
                variant="light"
                leftSection={<IconDownload size={14} aria-hidden />}
                aria-label={`Download ${evidence.fileName}`}
              >
                Download
              </Button>
            )}
          </Group>
        }
      >
        <Text size="xs" c="dimmed">
          {formatBytes(evidence.byteSize)} · {evidence.mediaType} · added{' '}
          <LocalTime iso={evidence.addedAt} />
        </Text>
      </ItemCardHeader>
      <Group gap="xs" wrap="wrap">
        <Text size="xs" c="dimmed">
          SHA-256
        </Text>
        <Code fz="xs" title={evidence.sha256} aria-label={`SHA-256 ${evidence.sha256}`}>
          {shortHash(evidence.sha256)}
        </Code>
        <CopyButton
          value={evidence.sha256}
          label="Copy SHA-256"
          size="compact-xs"
          variant="subtle"
        />
      </Group>
      <Text size="xs">
        <Text span c="dimmed">
          Acquired from:{' '}
        </Text>
        <Text span style={{ overflowWrap: 'anywhere' }}>
          {evidence.acquiredFrom}
        </Text>
        <Text span c="dimmed">
          {' '}
          at{' '}
        </Text>
        <LocalTime iso={evidence.acquiredAt} />
      </Text>
      {evidence.description && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {evidence.description}
        </Text>
      )}
      {editable && (
        <Group gap="lg" wrap="wrap">
          <LabelSwitch
            label="Legal hold"
            checked={evidence.legalHold}
            disabled={update.isPending}
            onToggle={(on) => saveLabel({ legalHold: on }, `legal hold ${on ? 'on' : 'off'}`)}
          />
          <LabelSwitch
            label="Privileged"
            checked={evidence.privileged}
            disabled={update.isPending}
            onToggle={(on) =>
              saveLabel({ privileged: on }, on ? 'marked privileged' : 'no longer privileged')
            }
          />
        </Group>
      )}
      <DisclosureButton
        size="compact-xs"
        open={showCustody}
        controls={custodyId}
        onToggle={() => setShowCustody((shown) => !shown)}
      >
        Chain of custody
      </DisclosureButton>
      {showCustody && (
        <div id={custodyId}>
          <CustodyLog evidence={evidence} editable={editable} />
        </div>
      )}
    </ItemCard>
  );
}

function LabelSwitch({
  label,
  checked,
  disabled,
  onToggle,
}: {
  label: string;
  checked: boolean;
  disabled: boolean;
  onToggle: (on: boolean) => void;
}) {
  return (
    <Switch
      size="xs"
      label={label}
      checked={checked}
      disabled={disabled}
      onChange={(event) => onToggle(event.currentTarget.checked)}
    />
  );
}
