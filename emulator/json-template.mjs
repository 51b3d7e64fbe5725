// A small subset of JSON-e, enough for hook task templates: {$eval: 'a.b'},
// {$fromNow: '2 hours'} and "${a.b}" interpolation inside strings.
const UNIT_MS = {
  second: 1e3, seconds: 1e3, minute: 6e4, minutes: 6e4, hour: 36e5, hours: 36e5,
  day: 864e5, days: 864e5, week: 6048e5, weeks: 6048e5, year: 31536e6, years: 31536e6,
};

function lookup(context, path) {
  let value = context;
  for (const part of path.trim().split('.')) {
    if (value === null || typeof value !== 'object' || !(part in value)) {
      throw new Error(`template: ${path} is not defined in the context`);
    }
    value = value[part];
  }
  return value;
}

export function fromNow(text, nowMs) {
  let total = 0;
  const rest = text.replace(/(-?\d+)\s*([a-z]+)/g, (_, n, unit) => {
    if (!UNIT_MS[unit]) throw new Error(`template: unknown time unit ${unit}`);
    total += Number(n) * UNIT_MS[unit];
    return '';
  });
  if (rest.trim()) throw new Error(`template: cannot parse $fromNow ${JSON.stringify(text)}`);
  return new Date(nowMs + total).toJSON();
}

export function renderTemplate(template, context, nowMs) {
  if (typeof template === 'string') {
    return template.replace(/\$\{([^}]+)\}/g, (_, path) => {
      const value = lookup(context, path);
      return typeof value === 'string' ? value : JSON.stringify(value);
    });
  }
  if (Array.isArray(template)) return template.map((t) => renderTemplate(t, context, nowMs));
  if (template && typeof template === 'object') {
    if ('$eval' in template) return lookup(context, template.$eval);
    if ('$fromNow' in template) return fromNow(template.$fromNow, nowMs);
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, renderTemplate(v, context, nowMs)]));
  }
  return template;
}
