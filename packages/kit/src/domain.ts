// The framework-free part of the kit that pure domain code may import: money, the clock, the error catalogue.
export * from './clock';
export * from './platform-clock';
export * from './errors';
export * from './money';
export * from './reference';
export * from './lifecycle';
export * from './input-values';
