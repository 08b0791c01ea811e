import { Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useEvidence, type Incident } from '../../api/incidents.js';
import { EvidenceItem } from './EvidenceItem.js';
import { EvidenceUploadForm } from './EvidenceUploadForm.js';
import { ListState } from './ListState.js';
import { PlainList } from './PlainList.js';

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
      <ListState
        query={evidence}
        count={items.length}
        loadingLabel="Loading the evidence"
        empty="No evidence yet."
      >
        <PlainList label="Evidence" testId="incident-evidence">
          {items.map((item) => (
            <EvidenceItem
              key={item.id}
              evidence={item}
              downloadPurpose={purpose.trim() || DEFAULT_PURPOSE}
              editable={editable}
            />
          ))}
        </PlainList>
      </ListState>
      {editable && <EvidenceUploadForm incidentId={incident.id} />}
    </Stack>
  );
}
