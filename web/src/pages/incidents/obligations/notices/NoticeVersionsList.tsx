import { Center, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useNoticeTemplateVersions } from '../../../../api/breach-templates.js';
import { LocalTime } from '../../../../components/LocalTime.js';
import { QueryError } from '../../../../components/QueryError.js';
import { useSignedInSession } from '../../../../hooks/useSession.js';
import { personLabel } from '../../people.js';

/** Every saved version of the rule's template in this locale: its number, who saved it, when. */
export function NoticeVersionsList({
  ruleId,
  locale,
  people,
}: {
  ruleId: string;
  locale: string;
  people: ReadonlyMap<string, string>;
}) {
  const versions = useNoticeTemplateVersions(ruleId, locale);
  const { user } = useSignedInSession();
  const who = (userId: string | null) =>
    userId === user.id ? 'you' : (personLabel(people, userId) ?? 'Cordon');

  return (
    <Stack gap="xs" component="section" aria-labelledby="notice-versions-heading">
      <Title order={3} size="h5" id="notice-versions-heading">
        Versions
      </Title>
      {versions.isPending && (
        <Center p="md">
          <Loader size="sm" aria-label="Loading the versions" />
        </Center>
      )}
      {versions.isError && (
        <QueryError error={versions.error} onRetry={() => void versions.refetch()} />
      )}
      {versions.data &&
        (versions.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            None saved yet: the editor starts from Cordon&apos;s draft.
          </Text>
        ) : (
          <Table
            striped
            withTableBorder
            fz="sm"
            aria-labelledby="notice-versions-heading"
            data-testid="notice-versions"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Version</Table.Th>
                <Table.Th scope="col">Saved by</Table.Th>
                <Table.Th scope="col">Saved at</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {versions.data.items.map((version) => (
                <Table.Tr key={version.version}>
                  <Table.Td>{version.version}</Table.Td>
                  <Table.Td>{who(version.createdBy)}</Table.Td>
                  <Table.Td>
                    <LocalTime iso={version.createdAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ))}
    </Stack>
  );
}
