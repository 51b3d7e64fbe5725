// Checks a request's scopes against a function's scope expression template and
// explains a denial the way Taskcluster does: which part of the expression the
// caller is missing, then the whole expression.
import libScopes from 'taskcluster-lib-scopes';
import { fill, MissingScopeParameter } from './scopes-template.mjs';
import { ApiError } from './responses.mjs';

const show = (expr) => (typeof expr === 'string' ? expr : JSON.stringify(expr, null, 2));

export function authorize({ template, params, scopes, clientId }) {
  let expression;
  try {
    expression = fill(template, params);
  } catch (err) {
    if (!(err instanceof MissingScopeParameter)) throw err;
    // Fail closed: an expression that cannot be filled is never satisfied.
    throw new ApiError('InsufficientScopes',
      `Client ID ${clientId ?? '(anonymous)'} cannot be authorized: ${err.message}, `
      + `so the scope expression ${JSON.stringify(template)} cannot be satisfied.`);
  }
  if (expression === null || libScopes.satisfiesExpression(scopes, expression)) return expression;

  let missing = libScopes.removeGivenScopes(scopes, expression);
  try {
    missing = libScopes.simplifyScopeExpression(missing);
  } catch {
    // an unsimplifiable expression is still a correct statement of what is missing
  }
  throw new ApiError('InsufficientScopes',
    `Client ID ${clientId ?? '(anonymous)'} does not have sufficient scopes and is missing the following scopes:\n\n`
    + `\`\`\`\n${show(missing)}\n\`\`\`\n\n`
    + `This request requires the client to satisfy the following scope expression:\n\n`
    + `\`\`\`\n${show(expression)}\n\`\`\``);
}
