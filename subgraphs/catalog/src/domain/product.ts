import { badInput } from '@meterline/kit/domain';

const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;

export function validateNewProduct(input: { reference: string; name: string }): { reference: string; name: string } {
  const reference = input.reference.trim();
  if (!REFERENCE.test(reference)) throw badInput('reference', 'reference must be 1-128 characters: letters, digits and _ . : -');
  const name = input.name.trim();
  if (!name) throw badInput('name', 'name must not be empty');
  return { reference, name };
}
