import { ActionIcon, Group } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { inSentence } from './labels.js';

/**
 * Up, down and remove for one item of a list. At either end a move does nothing but the
 * button stays focusable (aria-disabled, not disabled), so focus is not lost when an item
 * reaches the top by being moved.
 */
export function MoveButtons({
  name,
  index,
  count,
  onMove,
  onRemove,
  removeHint,
}: {
  /** Names the item in the buttons' labels, e.g. "Section 2, question 1". */
  name: string;
  index: number;
  count: number;
  onMove: (delta: number) => void;
  onRemove: () => void;
  /** Why the item cannot go (the last one of a list that needs one); removal is off when set. */
  removeHint?: string | undefined;
}) {
  const item = inSentence(name);
  const first = index === 0;
  const last = index === count - 1;
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={`Move ${item} up`}
        aria-disabled={first}
        data-disabled={first || undefined}
        onClick={() => !first && onMove(-1)}
      >
        <IconArrowUp size={16} aria-hidden />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={`Move ${item} down`}
        aria-disabled={last}
        data-disabled={last || undefined}
        onClick={() => !last && onMove(1)}
      >
        <IconArrowDown size={16} aria-hidden />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={`Remove ${item}`}
        aria-disabled={Boolean(removeHint)}
        data-disabled={removeHint ? true : undefined}
        title={removeHint}
        onClick={() => !removeHint && onRemove()}
      >
        <IconTrash size={16} aria-hidden />
      </ActionIcon>
    </Group>
  );
}
