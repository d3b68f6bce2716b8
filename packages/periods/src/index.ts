export { periodAt, periodContaining, periodsBetween, type BillingPeriod, type IndexedPeriod, type Period } from './calendar';
export { fractionOf, prorate, prorateChange, type ProratedChange } from './proration';
