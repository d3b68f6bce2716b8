import { Decimal } from '@meterline/money';

/** TypeORM transformer for `numeric` columns ⇄ Decimal: money never passes through a JS number. */
export const decimalColumn = {
  to: (value: Decimal | null | undefined) => (value === null || value === undefined ? value : value.toFixed()),
  from: (value: string | null) => (value === null ? null : new Decimal(value)),
};
