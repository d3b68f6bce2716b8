import 'reflect-metadata';
import { runSubgraph } from '@meterline/kit';
import { invoicingSubgraph } from './index';

void runSubgraph(invoicingSubgraph);
