export function createCalcomEventHandler(_c: unknown) {
  return async () => {};
}
