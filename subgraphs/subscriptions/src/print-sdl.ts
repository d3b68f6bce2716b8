import 'reflect-metadata';
import { printServedSdl } from '@meterline/kit';
import { subscriptionsSubgraph } from './index';

void printServedSdl(subscriptionsSubgraph);
