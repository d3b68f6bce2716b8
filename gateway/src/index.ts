import 'reflect-metadata';

export * from './gateway';
export * from './access/api-keys';
export * from './config';
export * from './limits';
export * from './cost';
export * from './access/verified-keys';
export * from './http-status';
export * from './rest-proxy';
