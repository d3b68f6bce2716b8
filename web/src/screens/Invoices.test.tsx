import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../apollo';
import { CreateCreditNoteDocument, InvoiceDocument } from '../generated';
import { InvoiceDetail } from './Invoices';

const eur = (amount: string) => ({ __typename: 'Money' as const, amount, currency: 'EUR' });
const line = (id: string, description: string, amount: string) => ({
  __typename: 'InvoiceLine' as const,
  id,
  kind: 'RECURRING' as const,
  description,
  quantity: '1',
  deduction: false,
  amount: eur(amount),
  breakdown: [],
});
const invoice = {
  __typename: 'Invoice' as const,
  id: 'inv1',
  number: 'INV-000001',
  status: 'ISSUED' as const,
  kind: 'SUBSCRIPTION' as const,
  periodStart: '2026-04-01T00:00:00.000Z',
  periodEnd: '2026-05-01T00:00:00.000Z',
  customer: { __typename: 'Customer' as const, id: 'c1', reference: 'acme', name: 'Acme' },
  total: eur('121.00'),
  currency: 'EUR',
  dueAt: null,
  refreshedAt: null,
  issuedAt: '2026-05-01T01:00:00.000Z',
  paidAt: null,
  voidReason: null,
  taxRate: '21',
  subscription: {
    __typename: 'CustomerSubscription' as const,
    id: 's1',
    planVersion: {
      __typename: 'PricingPlanVersion' as const,
      id: 'v1',
      version: 1,
      plan: { __typename: 'PricingPlan' as const, id: 'p1', reference: 'starter', name: 'Starter' },
    },
  },
  lines: [line('l1', 'Platform fee', '60.00'), line('l2', 'Support', '40.00')],
  subtotal: eur('100.00'),
  tax: eur('21.00'),
  deductions: eur('0'),
  amountDue: eur('121.00'),
  credited: eur('0'),
  creditNotes: [] as unknown[],
};
const creditNote = {
  __typename: 'CreditNote' as const,
  id: 'cn1',
  number: 'CN-000001',
  reason: 'Goodwill',
  createdAt: '2026-05-02T00:00:00.000Z',
  lines: [{ __typename: 'CreditNoteLine' as const, invoiceLineId: 'l2', description: 'Support', amount: eur('10.00') }],
  subtotal: eur('10.00'),
  tax: eur('2.10'),
  total: eur('12.10'),
};
const invoiceMock: MockLink.MockedResponse = {
  request: { query: InvoiceDocument, variables: { id: 'inv1' } },
  result: { data: { invoice } },
};
const creditInput = { invoice: 'inv1', reason: 'Goodwill', lines: [{ invoiceLine: 'l2', amount: '10.00' }] };

afterEach(cleanup);

function renderDetail(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={[invoiceMock, ...mocks]} cache={createCache()}>
      <InvoiceDetail id="inv1" onBack={() => undefined} />
    </MockedProvider>,
  );
}

async function fillCreditNote() {
  fireEvent.click(await screen.findByRole('button', { name: 'New credit note' }));
  fireEvent.change(screen.getByLabelText('Reason'), { target: { value: 'Goodwill' } });
  fireEvent.click(screen.getByLabelText('Credit Support'));
  fireEvent.change(screen.getByLabelText('Amount to credit for Support'), { target: { value: '10.00' } });
  fireEvent.click(screen.getByRole('button', { name: 'Create credit note' }));
}

describe('InvoiceDetail', () => {
  it('shows the plan, lines and totals of an issued invoice, and credits part of a line', async () => {
    renderDetail([
      {
        request: { query: CreateCreditNoteDocument, variables: { input: creditInput } },
        result: {
          data: {
            createCreditNote: {
              __typename: 'CreditNote',
              id: 'cn1',
              number: 'CN-000001',
              invoice: { ...invoice, credited: eur('12.10'), creditNotes: [creditNote] },
            },
          },
        },
      },
    ]);
    expect(await screen.findByText('INV-000001')).toBeTruthy();
    expect(screen.getByText((_, el) => el?.tagName === 'DD' && el.textContent === 'Starter (starter) v1')).toBeTruthy();
    expect(screen.getByTestId('invoice-total').textContent).toBe('121.00 EUR');
    await fillCreditNote();
    expect(await screen.findByText('Credit note CN-000001 created.')).toBeTruthy();
    const notes = screen.getByRole('region', { name: 'Credit notes' });
    expect(notes.textContent).toContain('CN-000001');
    expect(notes.textContent).toContain('Support: 10.00 EUR');
    expect(notes.textContent).toContain('12.10 EUR');
    expect(screen.getByTestId('invoice-credited').textContent).toBe('12.10 EUR');
  });

  it('shows a refused credit note with the field the API names', async () => {
    renderDetail([
      {
        request: { query: CreateCreditNoteDocument, variables: { input: creditInput } },
        result: {
          errors: [
            { message: 'at most 40.00 is left to credit on this line', extensions: { code: 'BAD_USER_INPUT', field: 'lines[0].amount' } },
          ],
        },
      },
    ]);
    await fillCreditNote();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('lines[0].amount: at most 40.00 is left to credit on this line');
  });

  it('says so when the invoice does not exist', async () => {
    render(
      <MockedProvider
        mocks={[{ request: { query: InvoiceDocument, variables: { id: 'nope' } }, result: { data: { invoice: null } } }]}
        cache={createCache()}
      >
        <InvoiceDetail id="nope" onBack={() => undefined} />
      </MockedProvider>,
    );
    expect(await screen.findByText('This invoice does not exist.')).toBeTruthy();
  });

  it('follows a draft as usage arrives: the page re-asks until the invoice is issued', async () => {
    const draft = (total: string, refreshedAt: string) => ({
      ...invoice,
      number: null,
      status: 'DRAFT' as const,
      issuedAt: null,
      dueAt: '2026-05-01T01:00:00.000Z',
      refreshedAt,
      total: eur(total),
    });
    const request = { query: InvoiceDocument, variables: { id: 'inv1' } };
    render(
      <MockedProvider
        mocks={[
          { request, result: { data: { invoice: draft('0.00', '2026-04-10T08:00:00.000Z') } } },
          { request, result: { data: { invoice: draft('12.10', '2026-04-10T08:00:05.000Z') } } },
        ]}
        cache={createCache()}
      >
        <InvoiceDetail id="inv1" onBack={() => undefined} pollMs={20} />
      </MockedProvider>,
    );
    expect(await screen.findByText('Draft invoice')).toBeTruthy();
    expect(screen.getByTestId('invoice-total').textContent).toBe('0.00 EUR');
    await vi.waitFor(() => expect(screen.getByTestId('invoice-total').textContent).toBe('12.10 EUR'));
    expect(screen.getByTestId('invoice-refreshed').textContent).toBe('2026-04-10 08:00:05 UTC');
  });
});
