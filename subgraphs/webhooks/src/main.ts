import 'reflect-metadata';
import { runSubgraph } from '@meterline/kit';
import { webhooksSubgraph } from './index';

void runSubgraph(webhooksSubgraph);
