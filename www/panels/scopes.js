// Scope checker: assumed scopes vs a scope expression, evaluated locally
// (satisfiesExpression / ScopeSet), with what is missing or what satisfied it.
import { $, h, guarded, prettyJson, showError } from '../lib/dom.js';

export function initScopes(app) {
  const { tc, session } = app;
  const form = $('scope-form');
  const assumedInput = $('scope-assumed');
  const expressionInput = $('scope-expression');
  const errorSlot = $('scope-error');
  const result = $('scope-result');
  let assumedTouched = false;

  function fillMine() {
    assumedInput.value = (session.scopes ?? []).join('\n');
    $('scope-assumed-note').textContent = session.signedIn
      ? `${session.scopes?.length ?? 0} scopes of ${session.clientId}` : 'Not signed in: enter scopes by hand';
    assumedTouched = false;
  }

  function parseAssumed() {
    const lines = assumedInput.value.split('\n').map((line) => line.trim()).filter(Boolean);
    const bad = lines.map((scope, i) => [scope, i + 1]).filter(([scope]) => !tc.validScope(scope));
    if (bad.length) {
      throw new TypeError(`Assumed scopes must be printable ASCII; invalid: ${bad.map(([s, n]) => `line ${n} ${JSON.stringify(s)}`).join(', ')}`);
    }
    return lines;
  }

  function parseExpression() {
    const text = expressionInput.value.trim();
    if (!text) throw new TypeError('Enter a scope expression: a scope, or JSON such as {"AnyOf": ["a", "b"]}');
    let expression = text;
    if (/^[[{"]/.test(text)) {
      try {
        expression = JSON.parse(text);
      } catch (error) {
        throw new SyntaxError(`The expression is not valid JSON: ${error.message}`);
      }
    } else if (text.includes('\n')) {
      throw new TypeError('A single scope cannot span lines; use JSON ({"AllOf": [...]}) for several');
    }
    if (!tc.validExpression(expression)) {
      throw new TypeError(`Not a valid scope expression: ${JSON.stringify(expression)}. Expected a scope string or `
        + '{"AnyOf": [...]} / {"AllOf": [...]} of expressions, with printable-ASCII scopes.');
    }
    return expression;
  }

  function check() {
    result.hidden = true;
    const assumed = parseAssumed();
    const expression = parseExpression();
    const satisfied = new tc.ScopeSet(assumed).satisfies(expression);
    if (satisfied !== tc.satisfiesExpression(assumed, expression)) throw new Error('ScopeSet and satisfiesExpression disagree');
    const details = satisfied
      ? [h('p', {}, 'Scopes that satisfy it:'), h('pre', { class: 'json' }, prettyJson(tc.scopesSatisfying(assumed, expression)))]
      : [h('p', {}, 'Still required (the expression without what the assumed scopes give):'),
        h('pre', { class: 'json' }, prettyJson(tc.removeGivenScopes(assumed, expression)))];
    result.className = `verdict ${satisfied ? 'yes' : 'no'}`;
    result.dataset.satisfied = String(satisfied);
    result.replaceChildren(
      h('div', { class: 'verdict-title' }, satisfied ? '✓ Satisfied' : '✗ Not satisfied'),
      h('div', { class: 'muted small' }, `${assumed.length} assumed scope${assumed.length === 1 ? '' : 's'} vs ${typeof expression === 'string' ? 'a single scope' : 'an expression'}`),
      ...details);
    result.hidden = false;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(errorSlot, null, async () => check());
  });
  assumedInput.addEventListener('input', () => { assumedTouched = true; });
  $('scope-use-mine').addEventListener('click', fillMine);
  for (const button of form.querySelectorAll('[data-example]')) {
    button.addEventListener('click', () => {
      expressionInput.value = button.dataset.example.startsWith('{')
        ? prettyJson(JSON.parse(button.dataset.example)) : button.dataset.example;
      showError(errorSlot, null);
      guarded(errorSlot, null, async () => check());
    });
  }
  session.onChange(() => { if (!assumedTouched) fillMine(); });
  fillMine();

  return { show() { if (!assumedTouched && !assumedInput.value) fillMine(); } };
}
