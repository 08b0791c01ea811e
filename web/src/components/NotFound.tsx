import { Button } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { PublicCard } from './PublicCard.js';

export function NotFound() {
  return (
    <PublicCard
      title="Page not found"
      description="There is no page at this address. Check the link, or start again from your start page."
    >
      <Button component={Link} to="/" variant="light">
        Go to your start page
      </Button>
    </PublicCard>
  );
}
