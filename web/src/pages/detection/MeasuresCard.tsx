import { Badge, Paper, Table, Text, Title } from '@mantine/core';
import type { DetectionAlert } from '../../api/detection.js';
import { formatMeasure } from './labels.js';

type Measure = DetectionAlert['measures'][number];

const comparatorWords: Record<Measure['comparator'], string> = {
  '>=': 'at least',
  '<=': 'at most',
};

const met = (measure: Measure) =>
  measure.comparator === '>='
    ? measure.observed >= measure.threshold
    : measure.observed <= measure.threshold;

/** Why the alert fired: each measure, what was observed, and the threshold it was held to. */
export function MeasuresCard({ alert }: { alert: DetectionAlert }) {
  return (
    <Paper withBorder radius="md" component="section" aria-labelledby="measures-heading">
      <Title order={2} size="h4" p="md" pb="xs" id="measures-heading">
        Observed against thresholds
      </Title>
      {alert.measures.length === 0 ? (
        <Text p="md" pt={0} size="sm" c="dimmed">
          This detector fires on the event itself, without a threshold.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="xs" fz="sm" data-testid="alert-measures">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Measure</Table.Th>
                <Table.Th scope="col" ta="right">
                  Observed
                </Table.Th>
                <Table.Th scope="col" ta="center">
                  Rule
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Threshold
                </Table.Th>
                <Table.Th scope="col">Result</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {alert.measures.map((measure) => (
                <Table.Tr key={measure.name}>
                  <Table.Td>
                    {measure.name.charAt(0).toUpperCase() + measure.name.slice(1)}
                  </Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {formatMeasure(measure.name, measure.observed)}
                  </Table.Td>
                  <Table.Td ta="center">
                    <Text span size="sm" aria-label={comparatorWords[measure.comparator]}>
                      {measure.comparator === '>=' ? '≥' : '≤'}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{formatMeasure(measure.name, measure.threshold)}</Table.Td>
                  <Table.Td>
                    {met(measure) ? (
                      <Badge color="red" variant="light">
                        Threshold met
                      </Badge>
                    ) : (
                      <Badge color="gray" variant="light">
                        Not met
                      </Badge>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
