import 'reflect-metadata';

export * from './gateway';
export * from './access/api-keys';
export * from './config';
export * from './limits';
