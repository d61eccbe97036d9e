import { type RawBuilder, sql } from 'kysely';

/** The escape character of our LIKE patterns; `!` needs no quoting in SQL or in either database's strings. */
const ESCAPE = '!';

/**
 * A LIKE pattern matching values that contain `term` literally: a searched `%`, `_` or `!` is a
 * character, not a wildcard (without this, searching "%" listed every record and "_" any character).
 */
export function containsPattern(term: string): string {
  return `%${term.replace(/[!%_]/g, (c) => ESCAPE + c)}%`;
}

/** `lower(column) LIKE '%term%' ESCAPE '!'`, the term lower-cased and escaped. */
export function lowerContains(column: string, term: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${containsPattern(term.toLowerCase())} escape '!'`;
}

/** `column LIKE '%term%' ESCAPE '!'`. */
export function contains(column: string, term: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${containsPattern(term)} escape '!'`;
}

/** `column LIKE 'term%' ESCAPE '!'`: values beginning with `term` literally. */
export function startsWith(column: string, term: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${`${term.replace(/[!%_]/g, (c) => ESCAPE + c)}%`} escape '!'`;
}
