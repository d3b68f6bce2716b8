import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { GraphQLError } from 'graphql';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../apollo';
import { AdvanceSandboxClockDocument, SandboxClockDocument } from '../generated';
import { SandboxBanner, SandboxClockCard, utcInstantOf } from './SandboxClock';

const ID = '5d0f1b7e-2b7a-4c1e-9a43-1f2e3d4c5b6a';
const settings = (sandbox: boolean, now: string): MockLink.MockedResponse => ({
  request: { query: SandboxClockDocument },
  result: { data: { platformSettings: { __typename: 'PlatformSettings', id: ID, sandbox, now } } },
});

afterEach(cleanup);

describe('sandbox clock in Desk', () => {
  it('reads a datetime-local value as UTC', () => {
    expect(utcInstantOf('2026-07-01T00:00')).toBe('2026-07-01T00:00:00Z');
    expect(utcInstantOf('2026-07-01T08:30:15')).toBe('2026-07-01T08:30:15Z');
    expect(utcInstantOf('2026-07-01')).toBeNull();
  });

  it('shows the banner on a sandbox only', async () => {
    render(
      <MockedProvider mocks={[settings(true, '2026-04-01T00:00:00.000Z')]} cache={createCache()}>
        <SandboxBanner />
      </MockedProvider>,
    );
    expect((await screen.findByRole('status', { name: 'Sandbox' })).textContent).toContain('2026-04-01 00:00:00 UTC');
    cleanup();
    const { container } = render(
      <MockedProvider mocks={[settings(false, '2026-04-01T00:00:00.000Z')]} cache={createCache()}>
        <SandboxBanner />
      </MockedProvider>,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(container.textContent).toBe('');
  });

  it('advances a sandbox to a date, and shows a refusal with its field', async () => {
    const advance: MockLink.MockedResponse = {
      request: { query: AdvanceSandboxClockDocument, variables: { to: '2026-07-01T02:00:00Z' } },
      result: { data: { advanceSandboxClock: { __typename: 'PlatformSettings', id: ID, sandbox: true, now: '2026-07-01T02:00:00.000Z' } } },
    };
    const back: MockLink.MockedResponse = {
      request: { query: AdvanceSandboxClockDocument, variables: { to: '2026-01-01T00:00:00Z' } },
      result: { errors: [new GraphQLError('A sandbox clock only moves forward', { extensions: { code: 'BAD_USER_INPUT', field: 'to' } })] },
    };
    render(
      <MockedProvider mocks={[settings(true, '2026-04-01T00:00:00.000Z'), advance, back]} cache={createCache()}>
        <SandboxClockCard />
      </MockedProvider>,
    );
    expect((await screen.findByLabelText('Business time')).textContent).toBe('2026-04-01 00:00:00 UTC');
    fireEvent.change(screen.getByLabelText('Advance to (UTC)'), { target: { value: '2026-07-01T02:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Advance' }));
    expect((await screen.findByRole('status')).textContent).toContain('2026-07-01 02:00:00 UTC');
    expect(screen.getByLabelText('Business time').textContent).toBe('2026-07-01 02:00:00 UTC');

    fireEvent.change(screen.getByLabelText('Advance to (UTC)'), { target: { value: '2026-01-01T00:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Advance' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('to: A sandbox clock only moves forward');
    expect(alert.textContent).toContain('BAD_USER_INPUT');
  });

  it('tells a production platform its time cannot move, with no control', async () => {
    render(
      <MockedProvider mocks={[settings(false, '2026-04-01T00:00:00.000Z')]} cache={createCache()}>
        <SandboxClockCard />
      </MockedProvider>,
    );
    expect(await screen.findByText(/cannot be moved/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Advance' })).toBeNull();
  });
});
