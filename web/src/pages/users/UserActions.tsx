import { Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import type { UserDto } from '@contracts/identity.js';
import { applyUserAction, type UserAction } from '../../api/users.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { AccessLinkButton } from './AccessLinkButton.js';

const done: Record<UserAction, string> = {
  disable: 'was disabled and signed out everywhere',
  enable: 'was enabled',
  'reset-mfa': 'must set up two-factor authentication again',
};

/** Access links, MFA reset and disable/enable for one user, each behind a confirmation. */
export function UserActions({ user, isSelf }: { user: UserDto; isSelf: boolean }) {
  const queryClient = useQueryClient();

  async function run(action: UserAction) {
    const updated = await applyUserAction(user.id, action);
    notifications.show({ color: 'teal', message: `${updated.displayName} ${done[action]}.` });
    await queryClient.invalidateQueries({ queryKey: ['users'] });
  }

  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      {user.status !== 'disabled' && !isSelf && <AccessLinkButton user={user} />}
      {user.mfaEnabled && (
        <ConfirmButton
          size="xs"
          variant="light"
          color="orange"
          aria-label={`Reset two-factor for ${user.displayName}`}
          title={`Reset two-factor for ${user.displayName}?`}
          message={`Use this when ${user.displayName} has lost their authenticator and recovery codes. Their sessions end, and they sign in with a password only until they set up two-factor again.`}
          confirmLabel="Reset two-factor"
          onConfirm={() => run('reset-mfa')}
        >
          Reset MFA
        </ConfirmButton>
      )}
      {user.status === 'disabled' ? (
        <ConfirmButton
          size="xs"
          variant="light"
          color="teal"
          aria-label={`Enable ${user.displayName}`}
          title={`Enable ${user.displayName}?`}
          message="They can sign in again with their existing password."
          confirmLabel="Enable"
          onConfirm={() => run('enable')}
        >
          Enable
        </ConfirmButton>
      ) : (
        !isSelf && (
          <ConfirmButton
            size="xs"
            variant="light"
            aria-label={`Disable ${user.displayName}`}
            title={`Disable ${user.displayName}?`}
            message="They are signed out everywhere at once and cannot sign in until enabled again. Their API tokens stop working too."
            confirmLabel="Disable"
            onConfirm={() => run('disable')}
          >
            Disable
          </ConfirmButton>
        )
      )}
    </Group>
  );
}
