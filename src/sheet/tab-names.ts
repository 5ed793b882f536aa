// Tabs are found by their exact names. A tab one typo away from one ("Message", "members", "Space s")
// is almost surely meant to be it: say so, instead of ignoring it and creating an empty tab beside it.

/** The tab among `names` that is one edit (a letter added, removed or changed; or a case or space
 *  difference) away from `wanted`, if there is exactly one. */
export function nearMiss(wanted: string, names: readonly string[]): string | null {
  const near = names.filter((n) => n !== wanted && oneEditAway(fold(n), fold(wanted)));
  return near.length === 1 ? near[0] : null;
}

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '');

function oneEditAway(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  // Past the first difference, the rest must match with one letter changed, added or removed.
  return a.slice(i + 1) === b.slice(i + 1) || a.slice(i) === b.slice(i + 1) || a.slice(i + 1) === b.slice(i);
}

/** What to tell a person whose tab is named almost like one of the tool's. */
export function renameAdvice(wanted: string, found: string): string {
  return `There is no ${wanted} tab, but there is “${found}”: rename it “${wanted}” (tabs are found by their exact name).`;
}
