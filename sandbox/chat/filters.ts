// What the list and search filters share (members.list, spaces.search): conditions joined by AND / OR.

/** The parts of one level of a filter joined by `word` (`a AND b AND c`): each part read by `part`, the
 *  word seen with `peek` and stepped over with `skip`. */
export function joined<N>(
  word: 'AND' | 'OR',
  part: () => N,
  peek: () => string | undefined,
  skip: () => void,
): N[] {
  const parts = [part()];
  while (peek() === word) {
    skip();
    parts.push(part());
  }
  return parts;
}
