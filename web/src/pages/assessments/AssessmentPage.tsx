import './assessment-print.css';
import { Alert, Group, Loader, Stack, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { assessmentKeys, fetchAssessment, type AssessmentDetail } from '../../api/assessments.js';
import { isApiError } from '../../api/client.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { formatDateTime } from '../../lib/format.js';
import { AnswersSection } from './AnswersSection.js';
import { AssessmentHeader } from './AssessmentHeader.js';
import { DecisionsCard } from './DecisionsCard.js';
import { FindingsCard } from './FindingsCard.js';

const route = getRouteApi('/signed-in/assessments/$assessmentId');

export function AssessmentPage() {
  const { assessmentId } = route.useParams();
  const assessment = useQuery({
    queryKey: assessmentKeys.detail(assessmentId),
    queryFn: () => fetchAssessment(assessmentId),
  });

  return (
    <Stack gap={0}>
      <AnchorLink
        to="/assessments"
        size="sm"
        mb="xs"
        w="fit-content"
        className="assessment-no-print"
      >
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          All assessments
        </Group>
      </AnchorLink>
      {assessment.isPending && <Loader aria-label="Loading assessment" />}
      {assessment.isError &&
        (isApiError(assessment.error) && assessment.error.status === 404 ? (
          <Alert color="gray" title="Assessment not found">
            There is no assessment at this address.
          </Alert>
        ) : (
          <QueryError error={assessment.error} onRetry={() => void assessment.refetch()} />
        ))}
      {assessment.data && <AssessmentReport detail={assessment.data} />}
    </Stack>
  );
}

/** The page is also the auditor's report: the print stylesheet keys off `.assessment-report`. */
function AssessmentReport({ detail }: { detail: AssessmentDetail }) {
  const printedAt = usePrintTime();
  return (
    <div className="assessment-report">
      <Text size="xs" className="assessment-print-only" mb="sm">
        Cordon assessment report · assessment {detail.id} · printed {formatDateTime(printedAt)}
      </Text>
      <AssessmentHeader detail={detail} />
      <Stack gap="lg">
        <AnswersSection detail={detail} />
        <FindingsCard detail={detail} />
        <DecisionsCard detail={detail} />
      </Stack>
    </div>
  );
}

/** When the report was printed, not when the page was opened: it may have sat open for days. */
function usePrintTime() {
  const [at, setAt] = useState(() => new Date().toISOString());
  useEffect(() => {
    // The browser lays out the printout right after this event, so the update cannot wait.
    const update = () => flushSync(() => setAt(new Date().toISOString()));
    window.addEventListener('beforeprint', update);
    return () => window.removeEventListener('beforeprint', update);
  }, []);
  return at;
}
