import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { MeterChoicesDocument } from '../generated';

export const METER_CHOICES_PAGE = 100;

/** Every (non-archived) meter for a select: the first page, then each next one until the list is whole. */
export function useMeterChoices() {
  const { data, loading, error, fetchMore } = useQuery(MeterChoicesDocument, { variables: { first: METER_CHOICES_PAGE } });
  const pageInfo = data?.meters.pageInfo;
  useEffect(() => {
    if (pageInfo?.hasNextPage) fetchMore({ variables: { after: pageInfo.endCursor } }).catch(() => undefined);
  }, [pageInfo, fetchMore]);
  return { meters: data?.meters.edges.map((e) => e.node) ?? [], loaded: Boolean(data), loading: loading && !data, error };
}
