import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../apollo';
import {
  CreateWebhookEndpointDocument,
  WebhookEndpointsDocument,
  WebhookEventTypesDocument,
  type WebhookEndpointFieldsFragment,
} from '../generated';
import { PAGE_SIZE, WebhooksScreen } from './Webhooks';

const disabled = {
  __typename: 'WebhookEndpoint' as const,
  id: '5d0f1b7e-2b7a-4c1e-9a43-1f2e3d4c5b6a',
  url: 'https://hooks.example.com/old',
  description: null,
  eventTypes: ['*'],
  status: 'DISABLED' as WebhookEndpointFieldsFragment['status'],
  disabledReason: 'Disabled automatically: 3 messages in a row failed every attempt for about 3 days (last: HTTP 500)',
  disabledAt: '2026-03-04T10:00:00.000Z',
  createdAt: '2026-03-01T10:00:00.000Z',
};
const created = {
  ...disabled,
  id: '7a1c2b3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
  url: 'https://hooks.example.com/new',
  eventTypes: ['invoice.paid'],
  status: 'ENABLED' as WebhookEndpointFieldsFragment['status'],
  disabledReason: null,
  disabledAt: null,
};
const list = (nodes: WebhookEndpointFieldsFragment[]): MockLink.MockedResponse => ({
  request: { query: WebhookEndpointsDocument, variables: { first: PAGE_SIZE } },
  result: {
    data: {
      webhookEndpoints: {
        __typename: 'WebhookEndpointConnection',
        totalCount: nodes.length,
        edges: nodes.map((node) => ({ __typename: 'WebhookEndpointEdge', cursor: `c-${node.id}`, node })),
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
      },
    },
  },
});
const types: MockLink.MockedResponse = {
  request: { query: WebhookEventTypesDocument },
  result: {
    data: {
      webhookEventTypes: [
        { __typename: 'WebhookEventType', type: 'invoice.paid', description: 'An invoice was settled', source: 'invoicing.invoice.paid' },
        { __typename: 'WebhookEventType', type: 'webhook.test', description: 'A test message', source: null },
      ],
    },
  },
};

afterEach(cleanup);

describe('WebhooksScreen', () => {
  it('lists endpoints with why one is disabled, and shows a new endpoint’s secret once', async () => {
    const create: MockLink.MockedResponse = {
      request: {
        query: CreateWebhookEndpointDocument,
        variables: { input: { url: created.url, eventTypes: ['invoice.paid'], description: null } },
      },
      result: { data: { createWebhookEndpoint: { __typename: 'WebhookEndpointWithSecret', secret: 'whsec_c2VjcmV0', endpoint: created } } },
    };
    render(
      <MockedProvider mocks={[list([disabled]), types, create, list([created, disabled])]} cache={createCache()}>
        <WebhooksScreen />
      </MockedProvider>,
    );
    expect(await screen.findByText(disabled.disabledReason!)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'New endpoint' }));
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: created.url } });
    fireEvent.click(await screen.findByLabelText('invoice.paid'));
    expect(screen.queryByLabelText('webhook.test')).toBeNull(); // the test type is not subscribable
    fireEvent.click(screen.getByRole('button', { name: 'Create endpoint' }));
    expect(await screen.findByText('whsec_c2VjcmV0')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy secret' })).toBeTruthy();
    expect(await screen.findByText(created.url)).toBeTruthy();
  });
});
