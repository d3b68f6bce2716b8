import 'reflect-metadata';
import { stopOnSignals } from '@meterline/kit';
import { startGateway } from './gateway';

startGateway().then(
  (gateway) => stopOnSignals(gateway.log, () => gateway.stop()),
  (error: Error) => {
    console.error(`gateway failed to start: ${error.message}`);
    process.exit(1);
  },
);
