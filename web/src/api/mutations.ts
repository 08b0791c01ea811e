import { useMutation, useQueryClient } from '@tanstack/react-query';

/**
 * A mutation that, once the server has answered, refreshes every query under `scope`: a change
 * in one area (a triage, an upload) can move any of its lists, counts and open pages.
 */
export function useRefreshingMutation<Input, Output>(
  scope: readonly unknown[],
  mutationFn: (input: Input) => Promise<Output>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: scope }),
  });
}
