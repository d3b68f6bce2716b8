require('reflect-metadata');
// Tests create subscriptions at fixed dates on the real clock; the backdating limit (366 days in production) would
// refuse them once those dates are a year old. Tests of the limit set their own value (and services started by a test
// inherit this environment).
process.env.SUBSCRIPTION_MAX_BACKDATE_DAYS ??= '36500';
