import {
  ActionIcon,
  Button,
  Group,
  Input,
  Stack,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';

export interface ConditionRow {
  /** Stable React key: rows can be removed from the middle. */
  key: number;
  text: string;
  dueDate: string;
}

let nextKey = 0;
export const emptyCondition = (): ConditionRow => ({ key: nextKey++, text: '', dueDate: '' });

/** Rows of condition text and due date; errors are keyed as the contract's paths are. */
export function ConditionsEditor({
  rows,
  onChange,
  errors,
}: {
  rows: ConditionRow[];
  onChange: (rows: ConditionRow[]) => void;
  errors: Record<string, string>;
}) {
  const update = (index: number, change: Partial<ConditionRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));

  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        Conditions
      </Text>
      {errors.conditions && <Input.Error>{errors.conditions}</Input.Error>}
      {rows.map((row, index) => (
        <fieldset key={row.key} style={{ border: 0, padding: 0, margin: 0 }}>
          <VisuallyHidden component="legend">Condition {index + 1}</VisuallyHidden>
          <Group align="flex-start" gap="xs" wrap="nowrap">
            <TextInput
              label="Condition"
              required
              maxLength={500}
              style={{ flex: 1 }}
              name={`conditions.${index}.text`}
              value={row.text}
              onChange={(event) => update(index, { text: event.currentTarget.value })}
              error={errors[`conditions.${index}.text`]}
            />
            <TextInput
              label="Due date"
              type="date"
              required
              w={170}
              name={`conditions.${index}.dueDate`}
              value={row.dueDate}
              onChange={(event) => update(index, { dueDate: event.currentTarget.value })}
              error={errors[`conditions.${index}.dueDate`]}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              mt={26}
              aria-label={`Remove condition ${index + 1}`}
              onClick={() => onChange(rows.filter((_, i) => i !== index))}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        </fieldset>
      ))}
      <Button
        size="xs"
        variant="light"
        w="fit-content"
        leftSection={<IconPlus size={14} aria-hidden />}
        onClick={() => onChange([...rows, emptyCondition()])}
        disabled={rows.length >= 50}
      >
        Add condition
      </Button>
    </Stack>
  );
}
