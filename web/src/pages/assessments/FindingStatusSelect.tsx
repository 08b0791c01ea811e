import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { FINDING_STATUSES, type FindingStatus } from '@contracts/assessments.js';
import { setFindingStatus, type Finding } from '../../api/assessments.js';
import { ApiError } from '../../api/client.js';
import { humanize } from '../vendors/labels.js';
import { useRefreshAssessment } from './useRefreshAssessment.js';

/** Moves a finding on. Accepting one overrides the review, so only admins are offered it. */
export function FindingStatusSelect({ finding, isAdmin }: { finding: Finding; isAdmin: boolean }) {
  const refresh = useRefreshAssessment(finding.vendorId);
  const mutation = useMutation({
    mutationFn: (status: FindingStatus) =>
      setFindingStatus(finding.assessmentId, finding.id, status),
    onSuccess: async (saved) => {
      notifications.show({
        color: 'teal',
        message: `"${saved.title}" is now ${humanize(saved.status).toLowerCase()}.`,
      });
      await refresh();
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'The status was not changed',
        message: error instanceof ApiError ? error.message : 'Please try again.',
      }),
  });

  // An analyst still sees "Accepted" on a finding an admin accepted, but cannot move it.
  const data = FINDING_STATUSES.filter(
    (status) => status !== 'accepted' || isAdmin || finding.status === 'accepted',
  ).map((status) => ({ value: status, label: humanize(status) }));

  return (
    <Select
      aria-label={`Status of finding ${finding.title}`}
      data={data}
      value={finding.status}
      allowDeselect={false}
      disabled={mutation.isPending || (finding.status === 'accepted' && !isAdmin)}
      onChange={(value) => {
        if (value && value !== finding.status) mutation.mutate(value);
      }}
      size="xs"
      w={190}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
