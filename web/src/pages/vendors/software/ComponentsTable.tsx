import { Badge, Code, Stack, Table, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRemoveProduct, type Component } from '../../../api/exposure.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { formatCount } from '../../../components/counts.js';
import { LocalTime } from '../../../components/LocalTime.js';

/** One row per component; the identifiers are what advisories are matched on. */
export function ComponentsTable({
  vendorId,
  components,
  canWrite,
}: {
  vendorId: string;
  components: Component[];
  canWrite: boolean;
}) {
  const remove = useRemoveProduct(vendorId);

  async function removeProduct(component: Component) {
    await remove.mutateAsync(component.id);
    notifications.show({ color: 'teal', message: `${component.name} was removed.` });
  }

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" fz="sm" data-testid="components-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Component</Table.Th>
            <Table.Th scope="col">Version</Table.Th>
            <Table.Th scope="col">Identifier</Table.Th>
            <Table.Th scope="col">Source</Table.Th>
            <Table.Th scope="col" ta="right">
              Open findings
            </Table.Th>
            <Table.Th scope="col">Last seen</Table.Th>
            {canWrite && (
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {components.map((component) => (
            <Table.Tr key={component.id}>
              <Table.Td maw={220} style={{ overflowWrap: 'anywhere' }}>
                <Text size="sm" fw={500}>
                  {component.name}
                </Text>
                {component.ecosystem && (
                  <Text size="xs" c="dimmed">
                    {component.ecosystem}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{component.version ?? '—'}</Table.Td>
              <Table.Td maw={300}>
                <Identifier component={component} />
              </Table.Td>
              <Table.Td>{component.origin === 'declared' ? 'Declared' : 'SBOM'}</Table.Td>
              <Table.Td ta="right">
                {component.openFindings > 0 ? (
                  <Badge color="red" variant="light">
                    {formatCount(component.openFindings)}
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    0
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <LocalTime iso={component.lastSeenAt} />
              </Table.Td>
              {canWrite && (
                <Table.Td>
                  {component.origin === 'declared' && (
                    <ConfirmButton
                      size="compact-xs"
                      variant="subtle"
                      aria-label={`Remove declared product ${component.name}`}
                      title={`Remove ${component.name}?`}
                      message="Its open findings are resolved: the vendor no longer runs it."
                      confirmLabel="Remove product"
                      onConfirm={() => removeProduct(component)}
                    >
                      Remove
                    </ConfirmButton>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A component with neither a PURL nor a CPE can never match an advisory: say so. */
function Identifier({ component }: { component: Component }) {
  if (!component.purl && !component.cpe)
    return (
      <Tooltip label="It has neither a package URL nor a CPE name, so no advisory can match it">
        <Badge color="orange" variant="outline">
          Not matchable
        </Badge>
      </Tooltip>
    );
  return (
    <Stack gap={2}>
      {component.purl && (
        <Code fz="xs" style={{ overflowWrap: 'anywhere' }}>
          {component.purl}
        </Code>
      )}
      {component.cpe && (
        <Code fz="xs" style={{ overflowWrap: 'anywhere' }}>
          {component.cpe}
        </Code>
      )}
    </Stack>
  );
}
