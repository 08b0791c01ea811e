import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { assessmentKeys } from '../../api/assessments.js';
import { vendorKeys } from '../../api/vendors.js';

/**
 * After a change on an assessment: refresh every assessment query (lists, schedule, heat map,
 * residual risk and go-live read the same rows) and, when the vendor's standing may have moved
 * with it, everything open about that vendor.
 */
export function useRefreshAssessment(vendorId: string) {
  const queryClient = useQueryClient();
  return useCallback(
    async ({ vendor = false }: { vendor?: boolean } = {}) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: assessmentKeys.all }),
        vendor && queryClient.invalidateQueries({ queryKey: vendorKeys.detail(vendorId) }),
      ]);
    },
    [queryClient, vendorId],
  );
}
