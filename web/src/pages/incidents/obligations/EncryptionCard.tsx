import { Loader, Paper, Text, Title } from '@mantine/core';
import { useEncryption } from '../../../api/breach.js';
import type { Incident, ScopeSnapshot } from '../../../api/incidents.js';
import { ListState } from '../ListState.js';
import { peopleOf } from '../people.js';
import { PlainList } from '../PlainList.js';
import { EncryptionRow } from './EncryptionRow.js';
import { encryptionStateLabels } from './labels.js';

/** The encryption state of each data category the scope snapshot found exposed. */
export function EncryptionCard({
  incident,
  snapshot,
  editable,
}: {
  incident: Incident;
  /** The snapshot the report counts from; null before the first, undefined while loading. */
  snapshot: ScopeSnapshot | null | undefined;
  editable: boolean;
}) {
  const encryption = useEncryption(incident.id);
  const facts = new Map((encryption.data?.items ?? []).map((fact) => [fact.category, fact]));
  const categories = snapshot?.byCategory ?? [];
  const people = peopleOf(incident);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="encryption-heading">
      <Title order={3} size="h5" mb={4} id="encryption-heading">
        Encryption of exposed data
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Where a law has an encryption safe harbour, people whose exposed data was encrypted, with
        the key not compromised, are not counted.
      </Text>
      {snapshot === undefined ? (
        <Loader size="sm" aria-label="Loading the scope snapshot" />
      ) : snapshot === null ? (
        <Text size="sm" c="dimmed">
          Take a scope snapshot first: it finds which categories were exposed.
        </Text>
      ) : (
        <ListState
          query={encryption}
          count={encryption.isSuccess ? categories.length : 0}
          loadingLabel="Loading the encryption states"
          empty="The snapshot found no exposed data category."
        >
          <PlainList gap="md" label="Exposed data categories" testId="encryption-categories">
            {categories.map((category) => {
              const fact = facts.get(category.key);
              return editable ? (
                <EncryptionRow
                  // A saved fact starts the row afresh from what the server now holds.
                  key={`${category.key}:${fact?.setAt ?? ''}`}
                  incidentId={incident.id}
                  category={category}
                  fact={fact}
                  people={people}
                />
              ) : (
                <Text component="li" size="sm" key={category.key}>
                  <Text span fw={600} size="sm">
                    {category.name}:
                  </Text>{' '}
                  {fact ? encryptionStateLabels[fact.state] : 'not recorded'}
                  {fact?.note && ` (${fact.note})`}
                </Text>
              );
            })}
          </PlainList>
        </ListState>
      )}
    </Paper>
  );
}
