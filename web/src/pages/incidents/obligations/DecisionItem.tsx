import { Badge, Text } from '@mantine/core';
import type { Decision } from '../../../api/breach.js';
import { LocalTime } from '../../../components/LocalTime.js';
import { ItemCard, ItemCardHeader } from '../ItemCard.js';
import { personLabel } from '../people.js';
import { decisionDetails } from './decisionDetails.js';
import { decisionKindLabels } from './labels.js';
import { WithdrawDecision } from './WithdrawDecision.js';

/** One recorded decision: what, on which obligation, by whom and when, and why; or withdrawn. */
export function DecisionItem({
  decision,
  subject,
  people,
  editable,
}: {
  decision: Decision;
  /** The obligation it is about, as people read it. */
  subject: string;
  people: ReadonlyMap<string, string>;
  editable: boolean;
}) {
  const headingId = `decision-${decision.id}`;
  const withdrawn = decision.withdrawnAt !== null;
  const by = personLabel(people, decision.decidedBy);
  const withdrawnBy = personLabel(people, decision.withdrawnBy);
  const struck = withdrawn ? { textDecoration: 'line-through' as const } : undefined;

  return (
    <ItemCard headingId={headingId} testId="obligation-decision">
      <ItemCardHeader
        headingId={headingId}
        title={
          <span style={struck}>
            {decisionKindLabels[decision.kind]}: {decisionDetails(decision)}
          </span>
        }
        wrap="wrap"
        aside={
          withdrawn ? (
            <Badge color="gray" variant="light" aria-label="Decision status Withdrawn">
              Withdrawn
            </Badge>
          ) : (
            editable && <WithdrawDecision decision={decision} subject={subject} />
          )
        }
      >
        <Text size="xs" c="dimmed" style={struck}>
          On “{subject}” · <LocalTime iso={decision.decidedAt} />
          {by && ` by ${by}`} · timeline entry #{decision.timelineSeq}
        </Text>
      </ItemCardHeader>
      {decision.justification && (
        <Text
          size="sm"
          c={withdrawn ? 'dimmed' : undefined}
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', ...struck }}
        >
          {decision.justification}
        </Text>
      )}
      {withdrawn && (
        <Text size="xs" c="dimmed">
          Withdrawn <LocalTime iso={decision.withdrawnAt} />
          {withdrawnBy && ` by ${withdrawnBy}`}
        </Text>
      )}
    </ItemCard>
  );
}
