import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../api/client.js';
import { portalKey, submitAnswers } from '../../api/portal.js';
import { FormError } from '../../components/FormError.js';
import { focusQuestion, issuesByQuestion } from './answers.js';

class UnsavedAnswers extends Error {}

/**
 * Submit, after a confirmation: answers lock for good. Required questions left open come back
 * as issues; they are shown under their questions and the first one is brought into view.
 */
export function PortalSubmit({
  token,
  disabled,
  progress,
  flush,
  onMissing,
}: {
  token: string;
  disabled: boolean;
  progress: { answered: number; total: number };
  flush: () => Promise<boolean>;
  onMissing: (issues: Record<string, string>) => void;
}) {
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const [error, setError] = useState<string | null>(null);
  // Where focus goes once the dialog has gone; null sends it back to the button.
  const [jumpTo, setJumpTo] = useState<string | null>(null);

  const submit = useMutation({
    mutationFn: async () => {
      if (!(await flush())) throw new UnsavedAnswers();
      return submitAnswers(token);
    },
    onSuccess: (view) => {
      close();
      queryClient.setQueryData(portalKey(token), view);
      notifications.show({ color: 'teal', message: 'Your answers were submitted.' });
    },
    onError: (caught) => {
      const missing = isApiError(caught, 'VALIDATION') ? issuesByQuestion(caught.issues) : {};
      const first = Object.keys(missing)[0];
      if (first) {
        onMissing(missing);
        setJumpTo(first);
        close();
        return;
      }
      if (caught instanceof UnsavedAnswers)
        setError('Some answers are not saved yet. Correct the marked answers and try again.');
      else
        setError(isApiError(caught) ? caught.message : 'Something went wrong. Please try again.');
      if (isApiError(caught) && [404, 409, 410].includes(caught.status))
        void queryClient.invalidateQueries({ queryKey: portalKey(token) });
    },
  });

  function openDialog() {
    setError(null);
    setJumpTo(null);
    open();
  }

  return (
    <>
      <Button onClick={openDialog} disabled={disabled}>
        Submit answers
      </Button>
      <Modal
        opened={opened}
        onClose={close}
        title="Submit your answers?"
        centered
        returnFocus={jumpTo === null}
        onExitTransitionEnd={() => {
          if (jumpTo) focusQuestion(jumpTo);
          setJumpTo(null);
        }}
      >
        <Stack>
          <Text size="sm">
            Answers lock once submitted: you will not be able to change them afterwards.
          </Text>
          <Text size="sm" c="dimmed">
            {progress.answered} of {progress.total} questions answered.
          </Text>
          <FormError message={error} title="Not submitted" />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={submit.isPending}>
              Cancel
            </Button>
            <Button loading={submit.isPending} onClick={() => submit.mutate()}>
              Submit
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
