import { Loader, Paper, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client.js';
import { fetchSecuritySettings, updateSecuritySettings } from '../../api/users.js';
import { QueryError } from '../../components/QueryError.js';

const settingsKey = ['settings', 'security'] as const;

/** The deployment-wide "require MFA for everyone" switch. */
export function SecuritySettingsCard() {
  const queryClient = useQueryClient();
  const settings = useQuery({ queryKey: settingsKey, queryFn: fetchSecuritySettings });
  const mutation = useMutation({
    mutationFn: updateSecuritySettings,
    onSuccess: async (saved) => {
      queryClient.setQueryData(settingsKey, saved);
      notifications.show({
        color: 'teal',
        message: saved.mfaRequired
          ? 'Two-factor authentication is now required for everyone.'
          : 'Two-factor authentication is now optional.',
      });
      await queryClient.invalidateQueries({ queryKey: ['session'] });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'Setting not saved',
        message: error instanceof ApiError ? error.message : 'Please try again.',
      }),
  });

  return (
    <Paper withBorder radius="md" p="md">
      <Text fw={600} mb="xs" component="h2">
        Sign-in security
      </Text>
      {settings.isPending && <Loader size="sm" aria-label="Loading settings" />}
      {settings.isError && (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      )}
      {settings.data && (
        <Switch
          label="Require two-factor authentication for everyone"
          description="People without it are asked to set it up the next time they sign in, before they can do anything else."
          checked={
            mutation.isPending
              ? (mutation.variables?.mfaRequired ?? settings.data.mfaRequired)
              : settings.data.mfaRequired
          }
          disabled={mutation.isPending}
          onChange={(event) => mutation.mutate({ mfaRequired: event.currentTarget.checked })}
        />
      )}
    </Paper>
  );
}
