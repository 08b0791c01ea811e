import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { UserDto } from '@contracts/identity.js';
import { sendAccessLink, type InviteResult } from '../../api/users.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { SecretValue } from '../../components/SecretValue.js';

/**
 * Re-sends an invitation to someone who never signed in, or sends an active user a link to set
 * a new password (e.g. they forgot it). The link is emailed and shown once here.
 */
export function AccessLinkButton({ user }: { user: UserDto }) {
  const [result, setResult] = useState<InviteResult | null>(null);
  const invited = user.status === 'invited';
  const noun = invited ? 'invitation' : 'password-reset link';

  return (
    <>
      <ConfirmButton
        size="xs"
        variant="light"
        color="blue"
        aria-label={`Send ${user.displayName} a new ${noun}`}
        title={
          invited
            ? `Send ${user.displayName} a new invitation?`
            : `Send ${user.displayName} a password-reset link?`
        }
        message={`Earlier links stop working. The new link is emailed to ${user.email}, works once and expires in 7 days.${invited ? '' : ' Setting a new password signs them out everywhere.'}`}
        confirmLabel={invited ? 'Send invitation' : 'Send reset link'}
        onConfirm={async () => setResult(await sendAccessLink(user.id))}
      >
        {invited ? 'Resend invite' : 'Reset password'}
      </ConfirmButton>
      <Modal opened={result !== null} onClose={() => setResult(null)} title={`New ${noun}`}>
        {result && (
          <Stack>
            <Text size="sm">
              We emailed it to <strong>{result.user.email}</strong>. If email does not reach them,
              send this link another way. It is shown only now.
            </Text>
            <SecretValue label="Link" value={result.inviteUrl} testId="access-link-url" />
            <Group justify="flex-end">
              <Button onClick={() => setResult(null)}>Done</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
