import 'reflect-metadata';
import { runSubgraph } from '@meterline/kit';
import { catalogSubgraph } from './index';

void runSubgraph(catalogSubgraph);
