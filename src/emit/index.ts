/** Builders of DynamoDB code shared by every transform (memory, JSON files, SQLite). */
export { detectCodeStyle, type CodeStyle } from './detectCodeStyle';
export { expression, statement, statements, quoted, propertyKey, type EmitContext, type TableTarget, type CommandName, type Part } from './emitContext';
export { buildGetItem } from './commands/buildGetItem';
export { buildPutItem, type PutOptions } from './commands/buildPutItem';
export { buildDeleteItem } from './commands/buildDeleteItem';
export { buildUpdateItem } from './commands/buildUpdateItem';
export { buildScanAll } from './commands/buildScanAll';
export { buildQueryIndex, type IndexQuery } from './commands/buildQueryIndex';
export { buildCountAll, type CountRequest } from './commands/buildCountAll';
export { buildNextId, type CounterTarget } from './commands/buildNextId';
export { renderClientModule, listTableConstants, CLIENT_HELPERS, type ModuleFlavor } from './renderClientModule';
