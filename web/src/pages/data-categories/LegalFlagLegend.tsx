import { Accordion, Table } from '@mantine/core';
import { LEGAL_FLAGS } from '@contracts/datamap.js';
import { legalFlagInfo } from './legal-flags.js';

/** Every legal flag and what it stands for, readable without hovering. */
export function LegalFlagLegend() {
  return (
    <Accordion variant="contained" radius="md">
      <Accordion.Item value="flags">
        <Accordion.Control>What the legal flags mean</Accordion.Control>
        <Accordion.Panel>
          <Table verticalSpacing={6} fz="sm">
            <Table.Tbody>
              {LEGAL_FLAGS.map((flag) => (
                <Table.Tr key={flag}>
                  <Table.Th scope="row" w={180} style={{ verticalAlign: 'top' }}>
                    {legalFlagInfo[flag].label}
                  </Table.Th>
                  <Table.Td>{legalFlagInfo[flag].explanation}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
