import { Anchor, Button, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { IconGitCompare } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { sbomFileUrl, useSboms, type SbomSummary } from '../../../api/exposure.js';
import { fetchIntegrations, vendorKeys, type VendorSummary } from '../../../api/vendors.js';
import { formatCount } from '../../../components/counts.js';
import { LocalTime } from '../../../components/LocalTime.js';
import { QueryError } from '../../../components/QueryError.js';
import { SbomChangesModal } from './SbomChangesModal.js';

const formatLabels: Record<SbomSummary['format'], string> = {
  cyclonedx: 'CycloneDX',
  spdx: 'SPDX',
};

/** Every SBOM uploaded for the vendor, newest first; each can be downloaded and compared. */
export function SbomHistoryCard({ vendor }: { vendor: VendorSummary }) {
  const sboms = useSboms(vendor.id);
  const integrations = useQuery({
    queryKey: vendorKeys.part(vendor.id, 'integrations'),
    queryFn: () => fetchIntegrations(vendor.id),
  });
  const names = new Map((integrations.data ?? []).map((item) => [item.id, item.name]));
  const [comparing, setComparing] = useState<SbomSummary | null>(null);

  return (
    <Paper withBorder radius="md" component="section" aria-labelledby="sbom-history-heading">
      <Title order={2} size="h4" p="md" pb={0} id="sbom-history-heading">
        SBOM history
      </Title>
      {sboms.isPending && <Loader m="md" aria-label="Loading SBOMs" />}
      {sboms.isError && <QueryError error={sboms.error} onRetry={() => void sboms.refetch()} />}
      {sboms.data?.length === 0 && (
        <Text p="md" c="dimmed">
          No SBOM uploaded for this vendor yet.
        </Text>
      )}
      {sboms.data && sboms.data.length > 0 && (
        <Table.ScrollContainer minWidth={960}>
          <Table verticalSpacing="sm" fz="sm" data-testid="sbom-history-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Uploaded</Table.Th>
                <Table.Th scope="col">File</Table.Th>
                <Table.Th scope="col">Scope</Table.Th>
                <Table.Th scope="col">Format</Table.Th>
                <Table.Th scope="col" ta="right">
                  Components
                </Table.Th>
                <Table.Th scope="col">Changes</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sboms.data.map((sbom) => (
                <Table.Tr key={sbom.id}>
                  <Table.Td>
                    <LocalTime iso={sbom.uploadedAt} />
                    {sbom.uploadedVia === 'portal' && (
                      <Text size="xs" c="dimmed">
                        by the vendor, through the portal
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td maw={240}>
                    <Anchor
                      href={sbomFileUrl(vendor.id, sbom.id)}
                      download={sbom.fileName}
                      size="sm"
                      style={{ overflowWrap: 'anywhere' }}
                      aria-label={`Download ${sbom.fileName}`}
                    >
                      {sbom.fileName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    {sbom.integrationId ? (
                      (names.get(sbom.integrationId) ?? 'An integration')
                    ) : (
                      <Text size="sm" c="dimmed">
                        Whole vendor
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {formatLabels[sbom.format]} {sbom.specVersion}
                  </Table.Td>
                  <Table.Td ta="right">{formatCount(sbom.componentCount)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      leftSection={<IconGitCompare size={14} aria-hidden />}
                      onClick={() => setComparing(sbom)}
                      aria-label={`Changes in ${sbom.fileName}`}
                    >
                      +{sbom.added} −{sbom.removed} ~{sbom.changed}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <SbomChangesModal vendorId={vendor.id} sbom={comparing} onClose={() => setComparing(null)} />
    </Paper>
  );
}
