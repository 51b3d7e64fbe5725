// The default export every entry builds: every export, its `ready` included.
// A function call with plain identifiers as arguments, so that, annotated pure,
// bundlers drop it (and with it the classes it names) when a program imports
// only what it uses; an object spread written in the entry itself would be kept.
export function defaultExport(everything, ready) {
  return Object.freeze({ ...everything, ready });
}

/** Every export of a module namespace but `default`, in one frozen object (a default export's value). */
export function everyExport(namespace) {
  // Reflect.ownKeys, not Object.keys: that one reads every binding, `default` included,
  // which is not yet initialised when a module builds its own default export.
  const names = Reflect.ownKeys(namespace).filter((name) => typeof name === 'string' && name !== 'default');
  return Object.freeze(Object.fromEntries(names.map((name) => [name, namespace[name]])));
}
