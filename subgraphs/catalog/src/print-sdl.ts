import 'reflect-metadata';
import { printServedSdl } from '@meterline/kit';
import { catalogSubgraph } from './index';

void printServedSdl(catalogSubgraph);
