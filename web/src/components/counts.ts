/** Counts of people and events, grouped in thousands. */
const integer = new Intl.NumberFormat('en-US');

/** 612000 → "612,000": grouped, independent of the reader's locale so tests can match it. */
export function formatCount(value: number): string {
  return integer.format(value);
}
