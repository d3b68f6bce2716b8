import 'reflect-metadata';
import { runSubgraph } from '@meterline/kit';
import { meteringSubgraph } from './index';

void runSubgraph(meteringSubgraph);
