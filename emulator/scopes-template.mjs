// Scope expression templates as in the manifests: strings with `<param>`
// placeholders, {AllOf}/{AnyOf}, {if, then, else} and {for, in, each}.
// Filling one with the request's parameters gives a plain scope expression.
//
// Missing or mistyped parameters do not produce a permissive expression: they
// throw MissingScopeParameter, which the caller turns into a denial.

export class MissingScopeParameter extends Error {
  constructor(name, why) {
    super(`scope expression parameter <${name}> ${why}`);
    this.parameter = name;
  }
}

const PLACEHOLDER = /<([^<>]+)>/g;

function fillString(template, params) {
  return template.replace(PLACEHOLDER, (_, name) => {
    const value = params[name];
    if (typeof value !== 'string') {
      throw new MissingScopeParameter(name, value === undefined ? 'is missing' : 'is not a string');
    }
    return value;
  });
}

// Evaluates one list member; returns an array because a {for} expands to many
// members and an {if} without a matching branch to none.
function fillMember(template, params) {
  if (typeof template === 'object' && template !== null && 'for' in template) {
    const list = params[template.in];
    if (!Array.isArray(list)) {
      throw new MissingScopeParameter(template.in, list === undefined ? 'is missing' : 'is not an array');
    }
    return list.map((item) => fill(template.each, { ...params, [template.for]: item }));
  }
  const filled = fill(template, params);
  return filled === null ? [] : [filled];
}

// -> a scope expression, or null when an {if} without else evaluated false
// (nothing is required).
export function fill(template, params) {
  if (typeof template === 'string') return fillString(template, params);
  if (template === null || typeof template !== 'object') {
    throw new TypeError(`invalid scope template ${JSON.stringify(template)}`);
  }
  if ('if' in template) {
    const condition = params[template.if];
    if (typeof condition !== 'boolean') {
      throw new MissingScopeParameter(template.if, condition === undefined ? 'is missing' : 'is not a boolean');
    }
    if (condition) return fill(template.then, params);
    return 'else' in template ? fill(template.else, params) : null;
  }
  if ('AllOf' in template) return { AllOf: template.AllOf.flatMap((t) => fillMember(t, params)) };
  if ('AnyOf' in template) return { AnyOf: template.AnyOf.flatMap((t) => fillMember(t, params)) };
  if ('for' in template) return { AllOf: fillMember(template, params) };
  throw new TypeError(`invalid scope template ${JSON.stringify(template)}`);
}

// Names of the parameters a template reads (loop variables excluded), so the
// server knows whether route parameters alone are enough to check it up front.
export function parameterNames(template, bound = new Set(), names = new Set()) {
  if (typeof template === 'string') {
    for (const [, name] of template.matchAll(PLACEHOLDER)) if (!bound.has(name)) names.add(name);
  } else if (template && typeof template === 'object') {
    if ('if' in template) {
      names.add(template.if);
      parameterNames(template.then, bound, names);
      if ('else' in template) parameterNames(template.else, bound, names);
    } else if ('for' in template) {
      names.add(template.in);
      parameterNames(template.each, new Set([...bound, template.for]), names);
    } else {
      for (const member of template.AllOf ?? template.AnyOf ?? []) parameterNames(member, bound, names);
    }
  }
  return names;
}
