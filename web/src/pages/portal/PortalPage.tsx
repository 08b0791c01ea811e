import { Box, Button, Container, Group, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { isApiError } from '../../api/client.js';
import { fetchPortal, portalKey } from '../../api/portal.js';
import { BrandMark } from '../../components/BrandMark.js';
import { FullPageLoader } from '../../components/FullPageLoader.js';
import { PublicCard } from '../../components/PublicCard.js';
import { ThemeToggle } from '../../components/ThemeToggle.js';
import { readFragmentParam } from '../../lib/fragment.js';
import { PortalQuestionnaire } from './PortalQuestionnaire.js';

/**
 * Opened from the emailed link `/portal#token=…` by a vendor contact without an account: the
 * token is the only credential, so there is no session and no navigation.
 */
export function PortalPage() {
  const [token] = useState(() => readFragmentParam('token'));
  const portal = useQuery({
    queryKey: portalKey(token),
    queryFn: () => fetchPortal(token),
    enabled: token.length > 0,
    retry: false,
  });
  const error = portal.error;

  // Checked before the data: a link withdrawn while the page is open must stop working.
  if (!token || (isApiError(error) && (error.status === 404 || error.code === 'VALIDATION')))
    return (
      <PublicCard title="This link is not valid">
        <Text size="sm">
          Check that you opened the whole link from the email. If it still does not work, ask the
          sender for a new one.
        </Text>
      </PublicCard>
    );
  if (isApiError(error, 'LINK_EXPIRED'))
    return (
      <PublicCard title="This link has expired or was withdrawn">
        <Text size="sm">Ask the sender for a new one.</Text>
      </PublicCard>
    );
  if (portal.data)
    return (
      <PortalShell>
        <PortalQuestionnaire token={token} view={portal.data} />
      </PortalShell>
    );
  if (portal.isError)
    return (
      <PublicCard
        title="The questionnaire could not be opened"
        description={isApiError(error) ? error.message : 'Please try again in a moment.'}
      >
        <Button variant="light" onClick={() => void portal.refetch()} loading={portal.isFetching}>
          Try again
        </Button>
      </PublicCard>
    );
  return <FullPageLoader label="Loading questionnaire" />;
}

function PortalShell({ children }: { children: ReactNode }) {
  return (
    <Box mih="100vh" bg="var(--mantine-color-body)">
      <Group justify="space-between" p="md">
        <BrandMark />
        <ThemeToggle />
      </Group>
      <Container component="main" size="md" px="md" pb="xl">
        {children}
      </Container>
    </Box>
  );
}
