// Code shared by the SPA and the API: pure TypeScript, no framework imports.
export * from './admin-users';
export * from './import-undo';
export * from './api-error';
export * from './health';
export * from './profile';
export * from './realtime';
export * from './roles';
export * from './events';
export * from './activity';
export * from './expenses';
export * from './unique-names';
export * from './import-rules';
export * from './orders';
export * from './pricing';
export * from './menu';
export * from './order-words';
export * from './reports';
