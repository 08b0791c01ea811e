import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp } from '@tabler/icons-react';
import { withdrawInput } from '@contracts/breach.js';
import { useWithdrawDecision, type Decision, type WithdrawInput } from '../../../api/breach.js';
import { FormError } from '../../../components/FormError.js';
import { useZodForm } from '../../../hooks/useZodForm.js';
import { textareaField } from '../../vendors/formValues.js';
import { decisionKindLabels } from './labels.js';

const empty = { justification: '' };

/**
 * Withdraws a decision, asking why: the row stays (struck through) and the timeline records
 * the withdrawal, so an obligation it settled is owed again.
 */
export function WithdrawDecision({ decision, subject }: { decision: Decision; subject: string }) {
  const [opened, { open, close }] = useDisclosure(false);
  const form = useZodForm(withdrawInput, empty);
  const withdraw = useWithdrawDecision(decision.incidentId);
  const label = decisionKindLabels[decision.kind];

  function dismiss() {
    form.reset();
    close();
  }

  function submit(input: WithdrawInput) {
    withdraw.mutate(
      { decisionId: decision.id, input },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: `${label} on “${subject}” withdrawn.` });
          dismiss();
        },
        onError: (error) => form.applyError(error),
      },
    );
  }

  return (
    <>
      <Button
        size="xs"
        variant="subtle"
        color="red"
        leftSection={<IconArrowBackUp size={14} aria-hidden />}
        onClick={open}
        aria-label={`Withdraw ${label.toLowerCase()} on “${subject}”`}
      >
        Withdraw
      </Button>
      <Modal
        opened={opened}
        onClose={dismiss}
        title={`Withdraw the ${label.toLowerCase()}`}
        centered
      >
        <form onSubmit={form.submitWith(submit)} noValidate aria-label="Withdraw the decision">
          <Stack>
            <Text size="sm">
              The decision on “{subject}” stops counting; it stays in the list and on the timeline.
            </Text>
            <FormError message={form.formError} title="The decision was not withdrawn" />
            <Textarea
              label="Justification"
              description="Why it is withdrawn, in at least 10 characters"
              required
              autosize
              minRows={2}
              maxLength={5000}
              data-autofocus
              {...textareaField(form, 'justification')}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={dismiss} disabled={withdraw.isPending}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={withdraw.isPending}>
                Withdraw decision
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
