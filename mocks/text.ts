/** The folding the reference store searches and sorts with: the adapters' own, so both agree. */
export { foldText } from '../src/adapters/shared/text';
