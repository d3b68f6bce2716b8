import 'reflect-metadata';
import { printServedSdl } from '@meterline/kit';
import { meteringSubgraph } from './index';

void printServedSdl(meteringSubgraph);
