import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../apollo';
import { InvoicingDeadLettersDocument, ReplayInvoicingDeadLetterDocument, type InvoicingDeadLetterFieldsFragment } from '../generated';
import { DeadLettersScreen, PAGE_SIZE } from './DeadLetters';

const letter = {
  __typename: 'InvoicingDeadLetter' as const,
  id: '0b9a6f5e-3c1d-4e7a-9f2b-8d6c5a4b3e21',
  type: 'metering.usage.recorded',
  subject: 'metering.usage.recorded',
  error: 'QueryFailedError: index row requires 11544 bytes, maximum size is 8191',
  attempts: 5,
  firstFailedAt: '2026-03-01T10:00:00.000Z',
  lastFailedAt: '2026-03-01T10:00:07.000Z',
};
const page = (nodes: InvoicingDeadLetterFieldsFragment[]) => ({
  invoicingDeadLetters: {
    __typename: 'InvoicingDeadLetterConnection' as const,
    totalCount: nodes.length,
    edges: nodes.map((node) => ({ __typename: 'InvoicingDeadLetterEdge' as const, cursor: `c-${node.id}`, node })),
    pageInfo: { __typename: 'PageInfo' as const, hasNextPage: false, endCursor: nodes.length ? `c-${nodes.at(-1)!.id}` : null },
  },
});
const list = (nodes: InvoicingDeadLetterFieldsFragment[]): MockLink.MockedResponse => ({
  request: { query: InvoicingDeadLettersDocument, variables: { first: PAGE_SIZE } },
  result: { data: page(nodes) },
});

afterEach(cleanup);

describe('DeadLettersScreen', () => {
  it('lists a service’s dead letters with their errors and replays one', async () => {
    const replay: MockLink.MockedResponse = {
      request: { query: ReplayInvoicingDeadLetterDocument, variables: { id: letter.id } },
      result: { data: { replayInvoicingDeadLetter: { __typename: 'InvoicingDeadLetterReplay', replayed: true, deadLetter: null } } },
    };
    render(
      <MockedProvider mocks={[list([letter]), replay, list([])]} cache={createCache()}>
        <DeadLettersScreen />
      </MockedProvider>,
    );
    expect(await screen.findByText(letter.error)).toBeTruthy();
    expect(screen.getByText('1 dead letters')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    expect(await screen.findByText('Replayed: the message was applied.')).toBeTruthy();
    expect(await screen.findByText('No dead letters: every message was applied.')).toBeTruthy();
  });

  it('shows the new error when a replay fails again', async () => {
    const replay: MockLink.MockedResponse = {
      request: { query: ReplayInvoicingDeadLetterDocument, variables: { id: letter.id } },
      result: {
        data: {
          replayInvoicingDeadLetter: {
            __typename: 'InvoicingDeadLetterReplay',
            replayed: false,
            deadLetter: { ...letter, error: 'still broken', attempts: 6 },
          },
        },
      },
    };
    render(
      <MockedProvider mocks={[list([letter]), replay, list([{ ...letter, error: 'still broken', attempts: 6 }])]} cache={createCache()}>
        <DeadLettersScreen />
      </MockedProvider>,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Replay' }));
    expect(await screen.findByText('Failed again: still broken')).toBeTruthy();
  });
});
