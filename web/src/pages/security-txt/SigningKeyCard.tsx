import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey } from '@tabler/icons-react';
import {
  useGenerateSigningKey,
  useRemoveSigningKey,
  type SecurityTxtView,
} from '../../api/disclosure.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { FormError } from '../../components/FormError.js';
import { SecretValue } from '../../components/SecretValue.js';

/**
 * The OpenPGP key that signs the file. Only the public half ever reaches the browser: the
 * private half is generated and kept sealed on the server.
 */
export function SigningKeyCard({ view }: { view: SecurityTxtView }) {
  const generate = useGenerateSigningKey();
  const remove = useRemoveSigningKey();

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="securitytxt-key">
      <Stack gap="sm">
        <Title order={2} size="h4" id="securitytxt-key">
          Signing key
        </Title>
        <Text size="sm" c="dimmed">
          RFC 9116 recommends signing security.txt so researchers can tell it was not altered.
          Publish the public key (for instance at the Encryption URI) so they can check the
          signature.
        </Text>
        {view.publicKey ? (
          <SecretValue label="Public key" value={view.publicKey} testId="securitytxt-public-key" />
        ) : (
          <Text size="sm">No signing key: the file is served unsigned.</Text>
        )}
        <FormError message={generate.error?.message} title="No key was generated" />
        <Group>
          {view.signing.enabled ? (
            <ConfirmButton
              variant="light"
              title="Remove the signing key?"
              message="The file is served unsigned from now on. The key cannot be recovered: signing again needs a new key, and a new public key to publish."
              confirmLabel="Remove signing key"
              onConfirm={() =>
                remove
                  .mutateAsync()
                  .then(() =>
                    notifications.show({ color: 'teal', message: 'Signing key removed.' }),
                  )
              }
            >
              Remove signing key
            </ConfirmButton>
          ) : (
            <Button
              leftSection={<IconKey size={16} aria-hidden />}
              loading={generate.isPending}
              onClick={() =>
                generate.mutate(undefined, {
                  onSuccess: () =>
                    notifications.show({
                      color: 'teal',
                      message: 'Signing key generated: security.txt is now signed.',
                    }),
                })
              }
            >
              Generate signing key
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
