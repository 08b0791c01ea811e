import {
  Badge,
  Button,
  Code,
  Group,
  Loader,
  Paper,
  Switch,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchTokens, revokeToken, type ApiToken } from '../../api/tokens.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { LocalTime } from '../../components/LocalTime.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { useSignedInSession } from '../../hooks/useSession.js';
import { CreateTokenModal } from './CreateTokenModal.js';

function tokenState(token: ApiToken): { label: string; color: string } {
  if (token.revokedAt) return { label: 'revoked', color: 'gray' };
  if (token.expiresAt && Date.parse(token.expiresAt) <= Date.now())
    return { label: 'expired', color: 'orange' };
  return { label: 'active', color: 'teal' };
}

export function TokensPage() {
  const { user } = useSignedInSession();
  const isAdmin = user.role === 'admin';
  const [showAll, setShowAll] = useState(false);
  const [creating, setCreating] = useState(false);
  const tokens = useQuery({
    queryKey: ['tokens', { all: showAll }],
    queryFn: () => fetchTokens(showAll),
  });

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let the shop's systems call Cordon: ingest events, sync customers, read results. A token can never do more than its owner's role allows."
        actions={
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setCreating(true)}
          >
            Create token
          </Button>
        }
      />
      {isAdmin && (
        <Switch
          mb="md"
          label="Show every user's tokens"
          checked={showAll}
          onChange={(event) => setShowAll(event.currentTarget.checked)}
        />
      )}
      <Paper withBorder radius="md">
        {tokens.isPending && <Loader m="md" aria-label="Loading tokens" />}
        {tokens.isError && (
          <QueryError error={tokens.error} onRetry={() => void tokens.refetch()} />
        )}
        {tokens.data && tokens.data.length === 0 && (
          <Text p="md" c="dimmed">
            No tokens yet.
          </Text>
        )}
        {tokens.data && tokens.data.length > 0 && (
          <TokensTable tokens={tokens.data} showOwner={showAll} />
        )}
      </Paper>
      <CreateTokenModal opened={creating} onClose={() => setCreating(false)} role={user.role} />
    </>
  );
}

function TokensTable({ tokens, showOwner }: { tokens: ApiToken[]; showOwner: boolean }) {
  const queryClient = useQueryClient();

  async function revoke(token: ApiToken) {
    await revokeToken(token.id);
    notifications.show({ color: 'teal', message: `Token "${token.name}" was revoked.` });
    await queryClient.invalidateQueries({ queryKey: ['tokens'] });
  }

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            {showOwner && <Table.Th scope="col">Owner</Table.Th>}
            <Table.Th scope="col">Scopes</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Created</Table.Th>
            <Table.Th scope="col">Expires</Table.Th>
            <Table.Th scope="col">Last used</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tokens.map((token) => {
            const state = tokenState(token);
            return (
              <Table.Tr key={token.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {token.name}
                  </Text>
                  <Code fz="xs">{token.tokenPrefix}…</Code>
                </Table.Td>
                {showOwner && <Table.Td>{token.ownerEmail}</Table.Td>}
                <Table.Td>
                  <Group gap={4}>
                    {token.scopes.map((scope) => (
                      <Badge key={scope} size="sm" variant="outline">
                        {scope}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Badge color={state.color} variant="light">
                    {state.label}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <LocalTime iso={token.createdAt} />
                </Table.Td>
                <Table.Td>
                  <LocalTime iso={token.expiresAt} fallback="never" />
                </Table.Td>
                <Table.Td>
                  <LocalTime iso={token.lastUsedAt} fallback="never" />
                </Table.Td>
                <Table.Td>
                  {!token.revokedAt && (
                    <ConfirmButton
                      size="xs"
                      variant="light"
                      aria-label={`Revoke token ${token.name}`}
                      title={`Revoke "${token.name}"?`}
                      message="Anything using this token stops working at once. This cannot be undone."
                      confirmLabel="Revoke token"
                      onConfirm={() => revoke(token)}
                    >
                      Revoke
                    </ConfirmButton>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
