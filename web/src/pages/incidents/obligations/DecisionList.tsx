import { Stack, Text, Title } from '@mantine/core';
import { useDecisions, type Decision, type Obligation } from '../../../api/breach.js';
import type { Incident } from '../../../api/incidents.js';
import { ListState } from '../ListState.js';
import { peopleOf } from '../people.js';
import { PlainList } from '../PlainList.js';
import { DecisionItem } from './DecisionItem.js';
import { obligationTitle } from './labels.js';

/** The timeline orders decisions as they were made; the last one made comes first here. */
const newestFirst = (a: Decision, b: Decision) => b.timelineSeq - a.timelineSeq;

/** Every decision recorded on the incident's obligations, withdrawn ones kept and marked. */
export function DecisionList({
  incident,
  obligations,
  editable,
}: {
  incident: Incident;
  obligations: readonly Obligation[];
  editable: boolean;
}) {
  const decisions = useDecisions(incident.id);
  const items = [...(decisions.data?.items ?? [])].sort(newestFirst);
  const people = peopleOf(incident);
  const titles = new Map(obligations.map((o) => [o.key, obligationTitle(o)] as const));

  return (
    <Stack gap="sm" component="section" aria-labelledby="obligation-decisions-heading">
      <Title order={3} size="h5" id="obligation-decisions-heading">
        Decisions
      </Title>
      <Text size="sm" c="dimmed">
        The latest decision of each kind on an obligation is the one in force. A withdrawn one stays
        here, struck through, and on the timeline.
      </Text>
      <ListState
        query={decisions}
        count={items.length}
        loadingLabel="Loading the decisions"
        empty="No decision has been recorded."
      >
        <PlainList gap="sm" label="Decisions, newest first" testId="obligation-decisions">
          {items.map((decision) => (
            <DecisionItem
              key={decision.id}
              decision={decision}
              subject={titles.get(decision.obligationKey) ?? decision.obligationKey}
              people={people}
              editable={editable}
            />
          ))}
        </PlainList>
      </ListState>
    </Stack>
  );
}
