import { Select } from '@mantine/core';

/** Picks who a task is for among the incident's owner and members; empty means nobody yet. */
export function AssigneeSelect({
  people,
  value,
  onChange,
  error,
}: {
  people: ReadonlyMap<string, string>;
  value: string;
  onChange: (userId: string) => void;
  error: string | undefined;
}) {
  const assignees = [...people].map(([userId, email]) => ({ value: userId, label: email }));
  return (
    <Select
      label="Assignee"
      name="assigneeId"
      description="The owner or a member"
      placeholder="Nobody yet"
      data={assignees}
      value={value || null}
      onChange={(userId) => onChange(userId ?? '')}
      error={error}
      clearable
      w={260}
    />
  );
}
