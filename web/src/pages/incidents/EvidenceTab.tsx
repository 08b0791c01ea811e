import { Center, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useEvidence, type Incident } from '../../api/incidents.js';
import { QueryError } from '../../components/QueryError.js';
import { EvidenceItem } from './EvidenceItem.js';
import { EvidenceUploadForm } from './EvidenceUploadForm.js';

/** What the server records for a download when no purpose is given. */
const DEFAULT_PURPOSE = 'review';

/** Evidence files with their hashes, labels and chain of custody; analysts add and download. */
export function EvidenceTab({ incident, editable }: { incident: Incident; editable: boolean }) {
  const evidence = useEvidence(incident.id);
  const [purpose, setPurpose] = useState(DEFAULT_PURPOSE);
  const items = evidence.data?.items ?? [];

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Files are kept write-once under the SHA-256 taken when they were added. Every download is
        checked against it and recorded in the chain of custody.
      </Text>
      {editable && items.length > 0 && (
        <TextInput
          label="Purpose of downloads"
          description="Recorded in the chain of custody with each download below"
          maxLength={300}
          value={purpose}
          onChange={(event) => setPurpose(event.currentTarget.value)}
          w={420}
        />
      )}
      {evidence.isPending && (
        <Center p="md">
          <Loader aria-label="Loading the evidence" />
        </Center>
      )}
      {evidence.isError && (
        <QueryError error={evidence.error} onRetry={() => void evidence.refetch()} />
      )}
      {evidence.isSuccess && items.length === 0 && (
        <Text size="sm" c="dimmed">
          No evidence yet.
        </Text>
      )}
      {items.length > 0 && (
        <Stack
          component="ul"
          gap="xs"
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label="Evidence"
          data-testid="incident-evidence"
        >
          {items.map((item) => (
            <EvidenceItem
              key={item.id}
              evidence={item}
              downloadPurpose={purpose.trim() || DEFAULT_PURPOSE}
              editable={editable}
            />
          ))}
        </Stack>
      )}
      {editable && <EvidenceUploadForm incidentId={incident.id} />}
    </Stack>
  );
}
