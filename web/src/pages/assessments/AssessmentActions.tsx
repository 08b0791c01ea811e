import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPrinter, IconSend } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import {
  cancelAssessment,
  revokeAssessmentLinks,
  sendAssessment,
  type AssessmentDetail,
  type SentLink,
} from '../../api/assessments.js';
import { ApiError } from '../../api/client.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ReasonModal } from '../vendors/ReasonModal.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { isOpen } from './assessmentText.js';
import { SentLinkModal } from './SentLinkModal.js';
import { useRefreshAssessment } from './useRefreshAssessment.js';

/** Links that would still open the portal right now. */
export function liveLinks(detail: AssessmentDetail, now = Date.now()) {
  return detail.links.filter((link) => !link.revokedAt && Date.parse(link.expiresAt) > now);
}

export function AssessmentActions({ detail }: { detail: AssessmentDetail }) {
  const { canWrite } = useVendorRole();
  const refresh = useRefreshAssessment(detail.vendorId);
  const [sent, setSent] = useState<SentLink | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const open = isOpen(detail.status);

  const send = useMutation({
    mutationFn: () => sendAssessment(detail.id),
    onSuccess: async (link) => {
      setSent(link);
      await refresh();
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'The link was not sent',
        message: error instanceof ApiError ? error.message : 'Please try again.',
      }),
  });

  async function revoke() {
    const { revoked } = await revokeAssessmentLinks(detail.id);
    notifications.show({
      color: 'teal',
      message: revoked === 1 ? '1 link was revoked.' : `${revoked} links were revoked.`,
    });
    await refresh();
  }

  async function cancel(reason: string) {
    await cancelAssessment(detail.id, reason);
    notifications.show({ color: 'teal', message: 'The assessment was cancelled.' });
    await refresh({ vendor: true });
  }

  return (
    <Group gap="xs" className="assessment-no-print">
      {canWrite && open && (
        <Button
          leftSection={<IconSend size={16} aria-hidden />}
          loading={send.isPending}
          onClick={() => send.mutate()}
        >
          {detail.sentAt ? 'Resend link' : 'Send link'}
        </Button>
      )}
      {canWrite && liveLinks(detail).length > 0 && (
        <ConfirmButton
          variant="light"
          title="Revoke the vendor's links?"
          message="Every link sent for this assessment stops working at once. Send a new one to let the vendor answer again."
          confirmLabel="Revoke links"
          onConfirm={revoke}
        >
          Revoke links
        </ConfirmButton>
      )}
      {canWrite && open && (
        <Button variant="light" color="red" onClick={() => setCancelling(true)}>
          Cancel assessment
        </Button>
      )}
      <Button
        variant="default"
        leftSection={<IconPrinter size={16} aria-hidden />}
        onClick={() => window.print()}
      >
        Print report
      </Button>
      <SentLinkModal link={sent} recipient={detail.recipientEmail} onClose={() => setSent(null)} />
      <ReasonModal
        opened={cancelling}
        onClose={() => setCancelling(false)}
        title="Cancel this assessment?"
        message="The vendor's links stop working and the questionnaire can no longer be answered. The reason is kept in the audit log."
        minLength={3}
        confirmLabel="Cancel assessment"
        color="red"
        onSubmit={cancel}
      />
    </Group>
  );
}
