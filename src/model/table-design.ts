/**
 * Contract 2: the table design, `.migration/dynamodb.json`.
 * Written by `plan`, edited by people, read by `apply`, `migrate-data` and `verify`.
 */
import type { KeyType } from './access-model';

export interface KeyAttribute {
  name: string;
  type: KeyType;
}

export interface GsiDesign {
  name: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  projection: 'ALL' | 'KEYS_ONLY' | string[];
}

export interface TableDesignEntry {
  name: string;
  envVar: string;
  entity: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  gsis: GsiDesign[];
  ttlAttribute?: string;
  billing: 'PAY_PER_REQUEST';
  pointInTimeRecovery: boolean;
  removalPolicy: 'destroy' | 'retain';
}

export interface EntityDesign {
  table: string;
  idStrategy: string;
  attributes?: Record<string, string>;
}

export interface HandlerDesign {
  file: string;
  handler?: string;
  actions: string[];
  tables: string[];
  indexes?: string[];
}

export interface TableDesign {
  version: 1;
  tables: TableDesignEntry[];
  entities: Record<string, EntityDesign>;
  handlers: HandlerDesign[];
}
