// Money lives in @meterline/money (pure, shared with the pricing engine); the kit re-exports it.
export * from '@meterline/money';
