/**
 * Maven versions, in ComparableVersion's order: dots, hyphens and every digit/letter boundary
 * split a version into items, and a hyphen or a boundary opens a sub-list. Numbers compare
 * numerically (any size), known qualifiers by rank
 * (alpha < beta < milestone < rc = cr < snapshot < "" = ga = final = release < sp), other
 * words after them alphabetically; trailing "null" items (0, "", empty lists) are dropped, so
 * 1 = 1.0 = 1-0 = 1.ga. No npm package implements it, so it is written here.
 */
type Item =
  | { kind: 'number'; value: bigint }
  | { kind: 'word'; value: string }
  | { kind: 'list'; items: Item[] };

const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const SHORT_FORMS: Record<string, string> = { a: 'alpha', b: 'beta', m: 'milestone' };
const RELEASE_RANK = String(QUALIFIERS.indexOf(''));

export function compareMaven(a: string, b: string): number {
  return compareItems(parse(a), parse(b));
}

/** A qualifier's sort key: its rank if known, else after every known one, alphabetically. */
function rank(word: string): string {
  const index = QUALIFIERS.indexOf(word);
  return index === -1 ? `${QUALIFIERS.length}-${word}` : String(index);
}

const order = (a: string | bigint, b: string | bigint) => (a < b ? -1 : a > b ? 1 : 0);

function isNull(item: Item): boolean {
  if (item.kind === 'number') return item.value === 0n;
  if (item.kind === 'word') return rank(item.value) === RELEASE_RANK;
  return item.items.length === 0;
}

/** How `item` compares with `other`, where null stands for "nothing there" (a shorter list). */
function compareItems(item: Item, other: Item | null): number {
  switch (item.kind) {
    case 'number':
      if (other === null) return item.value === 0n ? 0 : 1;
      return other.kind === 'number' ? order(item.value, other.value) : 1;
    case 'word':
      if (other === null) return order(rank(item.value), RELEASE_RANK);
      return other.kind === 'word' ? order(rank(item.value), rank(other.value)) : -1;
    case 'list': {
      if (other === null) return item.items.length === 0 ? 0 : compareItems(item.items[0]!, null);
      if (other.kind !== 'list') return other.kind === 'number' ? -1 : 1;
      for (let i = 0; i < Math.max(item.items.length, other.items.length); i += 1) {
        const left = item.items[i];
        const right = other.items[i] ?? null;
        const result =
          left === undefined
            ? right === null
              ? 0
              : -compareItems(right, null)
            : compareItems(left, right);
        if (result !== 0) return result;
      }
      return 0;
    }
  }
}

function word(value: string, followedByDigit: boolean): Item {
  const expanded = followedByDigit ? (SHORT_FORMS[value] ?? value) : value;
  return { kind: 'word', value: ALIASES[expanded] ?? expanded };
}

function token(isNumber: boolean, text: string): Item {
  return isNumber ? { kind: 'number', value: BigInt(text) } : word(text, false);
}

/**
 * Drops trailing null items, looking past sub-lists (1.0-x becomes 1-x). A sub-list left
 * holding only a sub-list takes its items, so a dropped qualifier adds no nesting
 * (1-ga-1 = 1-1); the top level keeps its shape, so 0.0.0-2021 stays below 20.
 */
function normalize(list: Item[], topLevel: boolean): void {
  for (let i = list.length - 1; i >= 0; i -= 1) {
    const item = list[i]!;
    if (isNull(item)) list.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
  const only = list[0];
  if (!topLevel && list.length === 1 && only?.kind === 'list') list.splice(0, 1, ...only.items);
}

const isDigit = (c: string) => c >= '0' && c <= '9';

function parse(version: string): Item {
  const text = version.toLowerCase();
  const root: Item[] = [];
  const lists = [root];
  let current = root;
  const openList = () => {
    const list: Item = { kind: 'list', items: [] };
    current.push(list);
    current = list.items;
    lists.push(current);
  };
  let inNumber = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (c === '.' || c === '-') {
      current.push(
        i === start ? { kind: 'number', value: 0n } : token(inNumber, text.slice(start, i)),
      );
      start = i + 1;
      if (c === '-') openList();
    } else if (isDigit(c)) {
      if (!inNumber && i > start) {
        current.push(word(text.slice(start, i), true));
        start = i;
        openList();
      }
      inNumber = true;
    } else {
      if (inNumber && i > start) {
        current.push(token(true, text.slice(start, i)));
        start = i;
        openList();
      }
      inNumber = false;
    }
  }
  if (text.length > start) current.push(token(inNumber, text.slice(start)));
  // Innermost first, so a list sees its sub-lists already normalised.
  for (const list of lists.reverse()) normalize(list, list === root);
  return { kind: 'list', items: root };
}
