import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createCache } from '../apollo';
import { SendInvoiceEmailDocument, type EmailDeliveryFieldsFragment } from '../generated';
import { EmailDeliveries } from './EmailDeliveries';

const INVOICE = '7f0c2b0e-4a51-4a2e-9d0e-1c1b9a6e2f10';
const delivery = (over: Partial<EmailDeliveryFieldsFragment>): EmailDeliveryFieldsFragment & { __typename: 'EmailDelivery' } => ({
  __typename: 'EmailDelivery',
  id: 'd-1',
  recipient: 'ap@acme.test',
  status: 'SENT',
  attempts: 1,
  nextAttemptAt: null,
  lastError: null,
  trigger: 'ISSUE',
  queuedAt: '2026-04-01T01:00:00.000Z',
  sentAt: '2026-04-01T01:00:02.000Z',
  ...over,
});

describe('EmailDeliveries', () => {
  afterEach(cleanup);

  it('lists each e-mail with its status and what the server said, and sends it again to the address typed', async () => {
    const resent = delivery({ id: 'd-3', recipient: 'finance@acme.test', status: 'QUEUED', sentAt: null, trigger: 'RESEND' });
    render(
      <MockedProvider
        cache={createCache()}
        mocks={[
          {
            request: { query: SendInvoiceEmailDocument, variables: { invoice: INVOICE, to: 'finance@acme.test' } },
            result: { data: { sendInvoiceEmail: resent } },
          },
        ]}
      >
        <EmailDeliveries
          invoiceId={INVOICE}
          deliveries={[
            delivery({}),
            delivery({ id: 'd-2', recipient: 'old@acme.test', status: 'FAILED', attempts: 1, sentAt: null, lastError: '550 No such user' }),
          ]}
        />
      </MockedProvider>,
    );
    expect(screen.getByText('ap@acme.test')).toBeTruthy();
    expect(screen.getByText('550 No such user')).toBeTruthy();
    expect(screen.getByText('Failed')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Send to'), { target: { value: ' finance@acme.test ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send by e-mail' }));
    expect(await screen.findByRole('status')).toHaveProperty('textContent', 'Queued for finance@acme.test.');
  });
});
