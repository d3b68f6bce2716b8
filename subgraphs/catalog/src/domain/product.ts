import { badInput, checkReference } from '@meterline/kit/domain';

export function validateNewProduct(input: { reference: string; name: string }): { reference: string; name: string } {
  const reference = checkReference('reference', input.reference);
  const name = input.name.trim();
  if (!name) throw badInput('name', 'name must not be empty');
  return { reference, name };
}
