import { useState } from 'react';

/** "Load more" under a Relay list: fetches the page after `endCursor` while showing that it is loading. */
export function LoadMore({
  pageInfo,
  fetchMore,
}: {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null } | undefined;
  fetchMore: (options: { variables: { after: string | null | undefined } }) => Promise<unknown>;
}) {
  const [loading, setLoading] = useState(false);
  if (!pageInfo?.hasNextPage) return null;
  return (
    <button
      type="button"
      className="more"
      disabled={loading}
      onClick={async () => {
        setLoading(true);
        try {
          await fetchMore({ variables: { after: pageInfo.endCursor } });
        } finally {
          setLoading(false);
        }
      }}
    >
      {loading ? 'Loading…' : 'Load more'}
    </button>
  );
}
