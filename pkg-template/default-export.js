// The default export every entry builds: every export, its `ready` included.
// A function call with plain identifiers as arguments, so that with `@__PURE__`
// bundlers drop it (and with it the classes it names) when a program imports
// only what it uses; an object spread written in the entry itself would be kept.
export function defaultExport(everything, ready) {
  return Object.freeze({ ...everything, ready });
}
