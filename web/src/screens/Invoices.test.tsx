import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../apollo';
import { CreateCreditNoteDocument, InvoiceDocument, RecordPaymentDocument } from '../generated';
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
  issuesAt: null,
  refreshedAt: null,
  billingEntity: {
    __typename: 'BillingEntityVersion' as const,
    id: 'bev1',
    version: 2,
    legalName: 'Acme Billing B.V.',
    taxId: null,
    billingEntity: { __typename: 'BillingEntity' as const, id: 'be1', code: 'acme-eu' },
  },
  issuedAt: '2026-05-01T01:00:00.000Z',
  paidAt: null,
  voidReason: null,
  taxRate: '21',
  pdfUrl: '/v1/invoices/inv1/pdf',
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
  amountPaid: eur('0'),
  credited: eur('0'),
  payments: [] as unknown[],
  paymentCollection: null,
  emailDeliveries: [],
  creditNotes: [] as unknown[],
};
const creditNote = {
  __typename: 'CreditNote' as const,
  id: 'cn1',
  number: 'CN-000001',
  pdfUrl: '/v1/credit-notes/cn1/pdf',
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

  it('records a partial payment: amount paid and due, and the payment listed; an overpayment shows the field', async () => {
    const payment = {
      __typename: 'Payment' as const,
      id: 'p1',
      paidAt: '2026-05-10T00:00:00.000Z',
      method: 'CARD',
      reference: 'tx-1',
      amount: eur('21.00'),
    };
    renderDetail([
      {
        request: {
          query: RecordPaymentDocument,
          variables: { input: { invoice: 'inv1', amount: '21.00', method: 'CARD', reference: 'tx-1' } },
        },
        result: {
          data: {
            recordPayment: {
              __typename: 'Payment',
              id: 'p1',
              invoice: { ...invoice, status: 'OVERDUE', amountPaid: eur('21.00'), amountDue: eur('100.00'), payments: [payment] },
            },
          },
        },
      },
      {
        request: { query: RecordPaymentDocument, variables: { input: { invoice: 'inv1', amount: '200', method: 'CARD' } } },
        result: {
          errors: [
            {
              message: 'input.amount 200 is more than the 100 EUR still due',
              extensions: { code: 'BAD_USER_INPUT', field: 'input.amount' },
            },
          ],
        },
      },
    ]);
    const form = await screen.findByRole('form', { name: 'Record a payment' });
    expect(form.textContent).toContain('Amount due: 121.00 EUR');
    fireEvent.change(screen.getByLabelText('Amount (EUR)'), { target: { value: '21.00' } });
    fireEvent.change(screen.getByLabelText('Method'), { target: { value: 'CARD' } });
    fireEvent.change(screen.getByLabelText('Reference'), { target: { value: 'tx-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    expect((await screen.findByTestId('invoice-paid')).textContent).toBe('21.00 EUR');
    expect(screen.getByTestId('invoice-due-amount').textContent).toBe('100.00 EUR');
    expect(screen.getByTestId('invoice-status').textContent).toBe('OVERDUE');
    expect(screen.getByRole('region', { name: 'Payments' }).textContent).toContain('tx-1');
    fireEvent.change(screen.getByLabelText('Amount (EUR)'), { target: { value: '200' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    expect((await screen.findByRole('alert')).textContent).toContain('input.amount: input.amount 200 is more than the 100 EUR still due');
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
      issuesAt: '2026-05-01T01:00:00.000Z',
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
