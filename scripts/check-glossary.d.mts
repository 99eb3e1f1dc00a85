export interface GlossaryRow {
  concept: string;
  keys: string[];
  terms: Record<string, string>;
  forbidden: Record<string, string[]>;
}
export function parseGlossary(markdown: string): GlossaryRow[];
export function checkGlossary(glossary: GlossaryRow[], locales: Record<string, object>): string[];
