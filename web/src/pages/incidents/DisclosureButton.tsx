import { Button, type ButtonProps } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/** A subtle button that shows or hides the region it controls, with a chevron for its state. */
export function DisclosureButton({
  open,
  onToggle,
  controls,
  size,
  children,
}: {
  open: boolean;
  onToggle: () => void;
  /** The id of the region it shows or hides. */
  controls: string;
  size: ButtonProps['size'];
  children: ReactNode;
}) {
  return (
    <Button
      size={size}
      variant="subtle"
      w="fit-content"
      leftSection={
        open ? (
          <IconChevronDown size={14} aria-hidden />
        ) : (
          <IconChevronRight size={14} aria-hidden />
        )
      }
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
    >
      {children}
    </Button>
  );
}
