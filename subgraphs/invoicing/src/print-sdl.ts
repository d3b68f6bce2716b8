import 'reflect-metadata';
import { printServedSdl } from '@meterline/kit';
import { invoicingSubgraph } from './index';

void printServedSdl(invoicingSubgraph);
