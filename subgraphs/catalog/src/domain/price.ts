import { AppError, ErrorCode } from '@meterline/kit/domain';
import { parsePrice, PriceConfigError, type Price } from '@meterline/pricing';

/** Validates a price in the pricing engine's JSON form; BAD_USER_INPUT names the first bad field and lists every problem. */
export function validatePrice(json: Record<string, unknown>, field = 'price'): Price {
  try {
    return parsePrice(json, field);
  } catch (error) {
    if (error instanceof PriceConfigError) {
      const [first] = error.issues;
      throw new AppError(ErrorCode.BAD_USER_INPUT, error.issues.map((i) => `${i.path}: ${i.message}`).join('; '), first?.path ?? field, {
        issues: error.issues,
      });
    }
    throw error;
  }
}
