import { FileInput } from '@mantine/core';
import { IconFileUpload } from '@tabler/icons-react';
import type { ComponentProps } from 'react';

/**
 * The file picker of the Software tab's uploads (SBOM, VEX): one JSON file, cleared with its
 * error and the last result whenever another file is chosen. The real <input type="file"> is
 * hidden behind the styled button; tests set files on it through `testId`.
 */
export function JsonFileField(props: {
  label: string;
  placeholder: string;
  accept: string;
  testId: string;
  value: File | null;
  error: string | null;
  disabled: boolean;
  onChange: (file: File | null) => void;
}) {
  return (
    <FileInput
      label={props.label}
      placeholder={props.placeholder}
      accept={props.accept}
      fileInputProps={{ 'data-testid': props.testId } as ComponentProps<'input'>}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
      clearable
      leftSection={<IconFileUpload size={16} aria-hidden />}
      w={280}
      disabled={props.disabled}
    />
  );
}
