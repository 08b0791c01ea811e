import { Anchor, Code, Group, Stack, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import { evidenceUrl, type AssessmentDetail } from '../../api/assessments.js';
import { LocalTime } from '../../components/LocalTime.js';
import { formatBytes } from '../vendors/labels.js';

type Evidence = AssessmentDetail['evidence'][number];

/**
 * The files behind one answer. The hash is printed in full: it is what lets an auditor tie the
 * file they are handed later to the one the vendor uploaded.
 */
export function EvidenceList({ assessmentId, items }: { assessmentId: string; items: Evidence[] }) {
  if (items.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No evidence uploaded.
      </Text>
    );
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((item) => (
        <li key={item.id}>
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <IconPaperclip size={14} aria-hidden style={{ marginTop: 4, flexShrink: 0 }} />
            <Stack gap={2} miw={0}>
              <Group gap="xs">
                <Anchor
                  href={evidenceUrl(assessmentId, item.id)}
                  download={item.fileName}
                  size="sm"
                  aria-label={`Download ${item.fileName}`}
                >
                  {item.fileName}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatBytes(item.byteSize)}, uploaded via {item.uploadedVia}{' '}
                  <LocalTime iso={item.uploadedAt} />
                </Text>
              </Group>
              <Text size="xs" component="div">
                SHA-256{' '}
                <Code fz="xs" style={{ wordBreak: 'break-all', whiteSpace: 'normal' }}>
                  {item.sha256}
                </Code>
              </Text>
            </Stack>
          </Group>
        </li>
      ))}
    </Stack>
  );
}
