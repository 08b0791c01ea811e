import { Badge, Code, Loader, Modal, Table, Text } from '@mantine/core';
import { useSbomChanges, type SbomChange, type SbomSummary } from '../../../api/exposure.js';
import { QueryError } from '../../../components/QueryError.js';
import { humanize } from '../labels.js';

const changeColors: Record<SbomChange['change'], string> = {
  added: 'teal',
  removed: 'red',
  changed: 'blue',
};

/** What one upload changed against the one before it in the same scope. */
export function SbomChangesModal({
  vendorId,
  sbom,
  onClose,
}: {
  vendorId: string;
  sbom: SbomSummary | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={sbom !== null}
      onClose={onClose}
      title={sbom ? `Changes in ${sbom.fileName}` : 'Changes'}
      size="xl"
      centered
    >
      {sbom && <ChangeList vendorId={vendorId} sbomId={sbom.id} />}
    </Modal>
  );
}

function ChangeList({ vendorId, sbomId }: { vendorId: string; sbomId: string }) {
  const changes = useSbomChanges(vendorId, sbomId);
  if (changes.isPending) return <Loader aria-label="Loading changes" />;
  if (changes.isError)
    return <QueryError error={changes.error} onRetry={() => void changes.refetch()} />;
  if (changes.data.changes.length === 0)
    return (
      <Text c="dimmed" size="sm">
        Nothing changed against the previous upload.
      </Text>
    );
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" fz="sm" data-testid="sbom-changes-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Change</Table.Th>
            <Table.Th scope="col">Component</Table.Th>
            <Table.Th scope="col">Version</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.data.changes.map((change) => (
            <Table.Tr key={`${change.change}:${change.ecosystem ?? ''}:${change.name}`}>
              <Table.Td>
                <Badge variant="light" color={changeColors[change.change]}>
                  {humanize(change.change)}
                </Badge>
              </Table.Td>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>
                {change.name}
                {change.ecosystem && (
                  <Text size="xs" c="dimmed">
                    {change.ecosystem}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <VersionChange change={change} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function VersionChange({ change }: { change: SbomChange }) {
  const version = (value: string | null) =>
    value ? (
      <Code>{value}</Code>
    ) : (
      <Text span size="sm" c="dimmed">
        no version
      </Text>
    );
  if (change.change === 'added') return version(change.toVersion);
  if (change.change === 'removed') return version(change.fromVersion);
  return (
    <>
      {version(change.fromVersion)} → {version(change.toVersion)}
    </>
  );
}
