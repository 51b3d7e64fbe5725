/** Every export of a module namespace but `default`, in one frozen object (a default export's value). */
export function everyExport(namespace) {
  // Reflect.ownKeys, not Object.keys: that one reads every binding, `default` included,
  // which is not yet initialised when a module builds its own default export.
  const names = Reflect.ownKeys(namespace).filter((name) => typeof name === 'string' && name !== 'default');
  return Object.freeze(Object.fromEntries(names.map((name) => [name, namespace[name]])));
}
