// Joins ES modules that the build ships as one file: a host module and modules that
// only it imports (scripts/assemble-package.mjs). Each file served pays for its own
// gzip dictionary; one file gzips to less than its parts.
//
// The modules are not rewritten into one scope by a bundler (which turns
// `export class A` into `var A = class`, whose name a minifier then shortens):
// their texts are kept as written, with only what joining needs blanked out
// (imports between them, `export` in front of the inlined modules' declarations)
// and a shared import written once, for terser to minify as one module whose
// source map holds each text. Anything else (a name declared by two of them, an
// import renamed, `export *`) stops the build.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'acorn';

/**
 * The texts terser should minify as one module, in evaluation order (each inlined
 * module before those importing it, the host last): `{ [fileName]: text }`.
 * `host` and `inlined` are paths of files in one folder.
 */
export function joinModules(host, inlined) {
  const group = new Set([host, ...inlined].map((file) => resolve(file)));
  const fail = (message) => {
    throw new Error(`inline-modules: ${host}: ${message}`);
  };
  const modules = [...group].map((file) => ({ file, text: readFileSync(file, 'utf8') }));
  const importedFrom = new Map(); // local name -> "source imported" of an import kept
  const declaredBy = new Map(); // top-level name -> file
  const exportedByHost = new Set(); // inlined modules whose every export the host exports (`export *`)
  for (const module of modules) {
    const isHost = module.file === resolve(host);
    const ast = parse(module.text, { ecmaVersion: 'latest', sourceType: 'module' });
    const edits = [];
    module.dependencies = [];
    const declare = (name) => {
      if (declaredBy.has(name) && declaredBy.get(name) !== module.file) fail(`${name} is declared in both ${declaredBy.get(name)} and ${module.file}`);
      declaredBy.set(name, module.file);
    };
    const inGroup = (source) => {
      const path = join(dirname(module.file), source);
      return group.has(path) ? path : null;
    };
    for (const node of ast.body) {
      if (node.type === 'ImportDeclaration') {
        const member = inGroup(node.source.value);
        if (member) {
          module.dependencies.push(member);
          for (const s of node.specifiers) {
            if (s.type !== 'ImportSpecifier' || s.imported.name !== s.local.name) fail(`${module.file} imports ${node.source.value} other than by the names it exports`);
          }
          edits.push([node.start, node.end, '']);
          continue;
        }
        // An import another of the modules made already is made once.
        const kept = node.specifiers.filter((s) => {
          const what = `${node.source.value} ${s.type === 'ImportSpecifier' ? s.imported.name : s.type}`;
          if (!importedFrom.has(s.local.name)) {
            importedFrom.set(s.local.name, what);
            declare(s.local.name);
            return true;
          }
          if (importedFrom.get(s.local.name) !== what) fail(`${s.local.name} names two different imports`);
          return false;
        });
        if (kept.length === node.specifiers.length) continue;
        if (kept.some((s) => s.type !== 'ImportSpecifier')) fail(`${module.file}: an import shared with another module must be named`);
        edits.push([node.start, node.end, kept.length === 0 ? '' :
          `import { ${kept.map((s) => (s.imported.name === s.local.name ? s.local.name : `${s.imported.name} as ${s.local.name}`)).join(', ')} } from ${JSON.stringify(node.source.value)};`]);
        continue;
      }
      if (node.type === 'ExportAllDeclaration' || node.type === 'ExportDefaultDeclaration') {
        if (!isHost) fail(`${module.file}: an inlined module may only export named declarations`);
        const member = node.type === 'ExportAllDeclaration' ? inGroup(node.source.value) : null;
        if (member) {
          // The host exports all the inlined module exports: that module keeps its `export`s.
          if (node.exported) fail(`export * as ${node.exported.name} from an inlined module`);
          module.dependencies.push(member);
          exportedByHost.add(member);
          edits.push([node.start, node.end, '']);
        }
        continue;
      }
      if (node.type === 'ExportNamedDeclaration') {
        if (node.declaration) {
          declareAll(node.declaration, declare);
          if (!isHost && !exportedByHost.has(module.file)) edits.push([node.start, node.declaration.start, '']);
          continue;
        }
        const member = node.source ? inGroup(node.source.value) : null;
        if (!isHost && exportedByHost.has(module.file)) {
          if (node.source) fail(`${module.file}: a re-export in a module the host exports all of`);
        } else if (!isHost) {
          if (node.source || node.specifiers.some((s) => s.local.name !== s.exported.name)) fail(`${module.file}: an inlined module's exports must be its own names`);
          edits.push([node.start, node.end, '']);
        } else if (member) {
          // The host re-exports what an inlined module declares: now its own names.
          module.dependencies.push(member);
          edits.push([module.text.lastIndexOf('from', node.source.start), node.source.end, '']);
        }
        continue;
      }
      declareAll(node, declare);
    }
    module.joined = applyEdits(module.text, edits);
  }
  // Dependencies first: a module's body runs after those of the modules it imports.
  const ordered = [];
  const visit = (module, path = []) => {
    if (ordered.includes(module)) return;
    if (path.includes(module)) fail('the modules import each other in a cycle');
    for (const dependency of module.dependencies) visit(modules.find((m) => m.file === dependency), [...path, module]);
    ordered.push(module);
  };
  visit(modules.find((m) => m.file === resolve(host)));
  if (ordered.length !== modules.length) fail(`${inlined.join(', ')}: not all imported by it`);
  return Object.fromEntries(ordered.map((m) => [m.file.slice(dirname(resolve(host)).length + 1), m.joined]));
}

/** Calls `declare` with each top-level name a declaration statement binds. */
function declareAll(node, declare) {
  if (node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') declare(node.id.name);
  if (node.type === 'VariableDeclaration') for (const d of node.declarations) bindingNames(d.id).forEach(declare);
}

/** The names a binding pattern binds. */
function bindingNames(pattern) {
  switch (pattern.type) {
    case 'Identifier': return [pattern.name];
    case 'ObjectPattern': return pattern.properties.flatMap((p) => bindingNames(p.type === 'RestElement' ? p.argument : p.value));
    case 'ArrayPattern': return pattern.elements.filter(Boolean).flatMap(bindingNames);
    case 'RestElement': return bindingNames(pattern.argument);
    case 'AssignmentPattern': return bindingNames(pattern.left);
    default: throw new Error(`inline-modules: a binding pattern ${pattern.type}`);
  }
}

/**
 * `text` with each [start, end, replacement] applied; what is removed becomes
 * spaces (its line breaks kept), so that every other line keeps its position for the source map.
 */
function applyEdits(text, edits) {
  let out = '';
  let at = 0;
  for (const [start, end, replacement] of [...edits].sort((a, b) => a[0] - b[0])) {
    const removed = text.slice(start, end);
    const lines = (removed.match(/\n/g) ?? []).length - (replacement.match(/\n/g) ?? []).length;
    out += text.slice(at, start) + (replacement ? replacement + '\n'.repeat(Math.max(lines, 0)) : removed.replace(/[^\n]/g, ' '));
    at = end;
  }
  return out + text.slice(at);
}
