/** Union-find over array indexes: the root of `i`, compressing the path on the way. Pure. */
export function findRoot(parent: { [i: number]: number }, i: number): number {
  let r = i;
  while (parent[r] !== r) r = parent[r]!;
  while (parent[i] !== r) {
    const next = parent[i]!;
    parent[i] = r;
    i = next;
  }
  return r;
}
