import { Group, List, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Obligation } from '../../../api/breach.js';
import { formatCount } from '../../../components/counts.js';
import { ItemCard, ItemCardHeader } from '../ItemCard.js';
import { canHaveCampaign } from './campaigns/campaignLabels.js';
import { CampaignPanel } from './campaigns/CampaignPanel.js';
import { DecisionForm } from './DecisionForm.js';
import { EditNoticeButton } from './EditNoticeButton.js';
import { obligationPlace, recipientLabels } from './labels.js';
import { ObligationStatusBadge } from './ObligationStatusBadge.js';
import { PrintableReportLink } from './PrintableReportLink.js';
import { ObligationTiming } from './ObligationTiming.js';
import { ObligationWorkings } from './ObligationWorkings.js';

/**
 * One obligation: the duty and where it is owed, to whom, for how many people, by when, why
 * it applies, how that was worked out, its notice, the letters for a duty owed to people, and
 * (for analysts) a decision to record on it.
 */
export function ObligationCard({
  incidentId,
  obligation,
  dutyNames,
  editable,
}: {
  incidentId: string;
  obligation: Obligation;
  dutyNames: ReadonlyMap<string, string>;
  editable: boolean;
}) {
  const headingId = `obligation-${obligation.key.replace(/[^a-zA-Z0-9-]/g, '-')}`;

  return (
    <ItemCard headingId={headingId} testId="obligation">
      <ItemCardHeader
        headingId={headingId}
        title={
          <>
            {obligation.duty}{' '}
            <Text span c="dimmed" fw={500} size="sm">
              · {obligationPlace(obligation)}
            </Text>
          </>
        }
        wrap="wrap"
        aside={<ObligationStatusBadge obligation={obligation} />}
      >
        <Text size="xs">
          <Fact label="Jurisdiction">{obligation.jurisdiction.name}</Fact>
          {' · '}
          <Fact label="Recipient">
            {recipientLabels[obligation.recipient]}
            {obligation.recipientName && `: ${obligation.recipientName}`}
          </Fact>
          {' · '}
          <Fact label="Affected">
            {formatCount(obligation.affected)} {obligation.affected === 1 ? 'person' : 'people'}
          </Fact>
        </Text>
      </ItemCardHeader>
      <ObligationTiming obligation={obligation} dutyNames={dutyNames} />
      <List size="sm" spacing={4} aria-label="Reasons">
        {obligation.reasons.map((reason, index) => (
          <List.Item key={index}>{reason}</List.Item>
        ))}
      </List>
      <ObligationWorkings obligation={obligation} />
      {/* A duty not owed needs no letter. */}
      {obligation.status !== 'not_required' && (
        <Group gap="xs">
          <EditNoticeButton obligation={obligation} editable={editable} />
          <PrintableReportLink incidentId={incidentId} obligation={obligation} />
        </Group>
      )}
      {canHaveCampaign(obligation) && (
        <CampaignPanel incidentId={incidentId} obligation={obligation} editable={editable} />
      )}
      {editable && <DecisionForm incidentId={incidentId} obligation={obligation} />}
    </ItemCard>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Text span c="dimmed" size="xs">
        {label}:{' '}
      </Text>
      {children}
    </>
  );
}
