import 'reflect-metadata';
import { runSubgraph } from '@meterline/kit';
import { billingOptionsFromEnv, createInvoicingSubgraph, emailOptionsFromEnv } from './index';

void runSubgraph(createInvoicingSubgraph(billingOptionsFromEnv(), emailOptionsFromEnv()));
