/**
 * Text reduced to what a quote must agree on: lower case, no accents or punctuation, single
 * spaces, "ß" as "ss", and digit groups joined ("62.000" = "62000").
 */
export function squash(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/(\d)[.,'’ ](?=\d{3}(?!\d))/g, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
