import 'reflect-metadata';
import { runSubgraph } from '@meterline/kit';
import { subscriptionsSubgraph } from './index';

void runSubgraph(subscriptionsSubgraph);
