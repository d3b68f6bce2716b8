import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../apollo';
import { acme } from './customerFixtures';
import { UpdateCustomerDocument } from '../generated';
import { CustomerEditForm } from './CustomerEdit';

const change = (value: string) => ({ target: { value } });

function renderForm(mocks: MockLink.MockedResponse[], onDone = vi.fn()) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <CustomerEditForm customer={acme} onDone={onDone} />
    </MockedProvider>,
  );
  return onDone;
}

afterEach(cleanup);

describe('CustomerEditForm', () => {
  it('sends only the changed fields: a new name, a cleared tax rate, a billing address and a metadata entry', async () => {
    const input = {
      name: 'Acme B.V.',
      taxRate: null,
      billingAddress: { line1: 'Damrak 1', line2: null, city: 'Amsterdam', postalCode: null, state: null, country: 'NL' },
      metadata: { crm: '42', tier: 'gold' },
    };
    const onDone = renderForm([
      {
        request: { query: UpdateCustomerDocument, variables: { customer: 'c1', input } },
        result: {
          data: {
            updateCustomer: {
              ...acme,
              name: 'Acme B.V.',
              taxRate: null,
              billingAddress: { __typename: 'BillingAddress', ...input.billingAddress },
              metadata: input.metadata,
            },
          },
        },
      },
    ]);
    const form = screen.getByRole('form', { name: 'Edit customer' });
    expect((within(form).getByLabelText('E-mail') as HTMLInputElement).value).toBe('billing@acme.com');
    fireEvent.change(within(form).getByLabelText('Name'), change('Acme B.V.'));
    fireEvent.change(within(form).getByLabelText('Tax rate (%)'), change(''));
    fireEvent.change(within(form).getByLabelText('Address line 1'), change('Damrak 1'));
    fireEvent.change(within(form).getByLabelText('City'), change('Amsterdam'));
    fireEvent.change(within(form).getByLabelText('Billing country'), change('nl'));
    fireEvent.click(within(form).getByRole('button', { name: '+ Add metadata entry' }));
    const entry = within(form).getByRole('group', { name: 'Metadata entry 2' });
    fireEvent.change(within(entry).getByLabelText('Key'), change('tier'));
    fireEvent.change(within(entry).getByLabelText('Value'), change('gold'));
    fireEvent.click(within(form).getByRole('button', { name: 'Save changes' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
  });

  it('shows the API error with the field it names', async () => {
    const onDone = renderForm([
      {
        request: { query: UpdateCustomerDocument, variables: { customer: 'c1', input: { email: 'not-an-address' } } },
        result: { errors: [{ message: 'email must be an e-mail address', extensions: { code: 'BAD_USER_INPUT', field: 'email' } }] },
      },
    ]);
    fireEvent.change(screen.getByLabelText('E-mail'), change('not-an-address'));
    fireEvent.click(screen.getByRole('button', { name: 'Save changes' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('email: email must be an e-mail address');
    expect(onDone).not.toHaveBeenCalled();
  });
});
