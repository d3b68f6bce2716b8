import pino from 'pino';

export type Logger = pino.Logger;

/** JSON logs on stdout, one logger per service; request loggers are children carrying `requestId`. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({ name: service, level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime });
}
