import 'reflect-metadata';
import { runSubgraph } from '@meterline/kit';
import { historyLimits } from './history-limits.config';
import { subscriptionsSubgraph } from './index';

historyLimits(); // SUBSCRIPTION_MAX_BACKDATE_DAYS is validated at start, not at the first request

void runSubgraph(subscriptionsSubgraph);
