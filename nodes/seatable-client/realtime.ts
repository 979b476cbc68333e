export * from './realtime/index';
