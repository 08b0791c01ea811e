import { Center, Loader, Stack } from '@mantine/core';
import { isApiError } from '../../api/client.js';
import { useSecurityTxt } from '../../api/disclosure.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { NotConfiguredNotice } from './NotConfiguredNotice.js';
import { SecurityTxtCheckCard } from './SecurityTxtCheckCard.js';
import { SecurityTxtSettingsCard } from './SecurityTxtSettingsCard.js';
import { SecurityTxtStatusCard } from './SecurityTxtStatusCard.js';
import { SigningKeyCard } from './SigningKeyCard.js';

/**
 * The shop's own security.txt (admins): what it says, whether it is signed, and a checker
 * for any security.txt. The checker needs no settings, so it shows whatever state they are in.
 */
export function SecurityTxtPage() {
  const settings = useSecurityTxt();
  // 404 is the normal state of a new deployment, not a failure to load.
  const notConfigured = isApiError(settings.error) && settings.error.status === 404;
  const view = settings.data ?? null;

  return (
    <>
      <PageHeader
        title="security.txt"
        description="How researchers find the way to report a vulnerability in the shop. Cordon serves the file, keeps it from expiring and can sign it."
      />
      <Stack gap="lg">
        {settings.isPending && (
          <Center p="md">
            <Loader aria-label="Loading the security.txt settings" />
          </Center>
        )}
        {settings.isError && !notConfigured && (
          <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
        )}
        {notConfigured && <NotConfiguredNotice />}
        {view && <SecurityTxtStatusCard view={view} />}
        {view && <SigningKeyCard view={view} />}
        {(view || notConfigured) && <SecurityTxtSettingsCard view={view} />}
        <SecurityTxtCheckCard />
      </Stack>
    </>
  );
}
