export * from './selection';
export * from './useEntityAccessPicker';
