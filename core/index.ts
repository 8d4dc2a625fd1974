// The protocol core as one import. Other core modules add their exports here, one line each.
export * from './crypto';
export * from './xml';
export * from './appId';
export * from './content';
export * from './reply';
export * from './customerService';
export * from './api';
export * from './store';
export * from './tokens';
export * from './platform';
export * from './platformRegistry';
export * from './nodeState';
export * from './miniProgram/userData';
export * from './jsSdk';
