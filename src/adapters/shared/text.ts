/** Text folding shared by the adapters that search or sort in memory, and by the reference store. */
/**
 * Folds text for search and sort: lower case, accents stripped, a few letters that have no
 * decomposition mapped (ø → o, ł → l, ß → ss), so `jose` finds José and Ørsted sorts near Orsted.
 * @example
 * foldText('Françoise Østergaard'); // 'francoise ostergaard'
 */
export function foldText(value: string): string {
  const lower = value.toLowerCase();
  // Fast path: plain ASCII (no code unit above 0x7f) needs no normalisation.
  if (!/[\u0080-\uffff]/.test(lower)) return lower;
  return lower
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/ß/g, 'ss')
    .replace(/ı/g, 'i')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/đ/g, 'd');
}
