import 'reflect-metadata';
import { printServedSdl } from '@meterline/kit';
import { webhooksSubgraph } from './index';

void printServedSdl(webhooksSubgraph);
