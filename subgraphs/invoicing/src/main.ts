import 'reflect-metadata';
import { runSubgraph } from '@meterline/kit';
import { billingOptionsFromEnv, createInvoicingSubgraph } from './index';

void runSubgraph(createInvoicingSubgraph(billingOptionsFromEnv()));
