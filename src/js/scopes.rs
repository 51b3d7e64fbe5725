//! Scope satisfaction and scope-set algebra, with taskcluster-lib-scopes semantics.

use wasm_bindgen::prelude::*;

use super::errors::{JsResult, guarded};
use super::limits::{MAX_ARRAY_LENGTH, MAX_EXPRESSION_DEPTH};
use super::{args, pad, values};
use crate::core::Result;
use crate::core::scopes::{self, Expression, Limits};

/// What the prefix-form fast paths take; beyond it, the checked path decides.
const PREFIX_LIMITS: Limits = Limits { max_depth: MAX_EXPRESSION_DEPTH, max_items: MAX_ARRAY_LENGTH as usize };

/// Valid assumed scopes (`what` names the argument).
fn scope_list(value: &JsValue, what: &str) -> Result<Vec<String>> {
    let list = args::string_array(value, what)?;
    scopes::validate_scopes(&list, what)?;
    Ok(list)
}

fn valid_expression(value: &JsValue, what: &str) -> Result<Expression> {
    let expr = args::expression(value, what)?;
    scopes::validate_expression(&expr, what)?;
    Ok(expr)
}

/// The seed's `scopeMatch`: does `assumed` satisfy any of the scope sets in
/// `requiredScopeSets` (disjunctive normal form)? A `*` expands only in assumed scopes.
#[wasm_bindgen(js_name = scopeMatch)]
pub fn scope_match(
    #[wasm_bindgen(unchecked_param_type = "string[]")] assumed: JsValue,
    #[wasm_bindgen(js_name = requiredScopeSets, unchecked_param_type = "string[][]")] required_scope_sets: JsValue,
) -> JsResult<bool> {
    guarded("scopeMatch", || {
        let assumed = scope_list(&assumed, "assumed")?;
        let sets = args::items(&required_scope_sets, "requiredScopeSets")?
            .iter()
            .enumerate()
            .map(|(i, set)| scope_list(set, &format!("requiredScopeSets[{i}]")))
            .collect::<Result<Vec<_>>>()?;
        Ok(scopes::scope_match(&assumed, &sets))
    })
}

#[wasm_bindgen(js_name = satisfiesExpression)]
pub fn satisfies_expression(
    #[wasm_bindgen(unchecked_param_type = "string[]")] scopeset: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ScopeExpression")] expression: JsValue,
) -> JsResult<bool> {
    guarded("satisfiesExpression", || {
        Ok(scopes::satisfies_expression(
            &scope_list(&scopeset, "scopeset")?,
            &valid_expression(&expression, "expression")?,
        ))
    })
}

/// `satisfiesExpression`'s fast path (pkg-template/scopes.js): the pad's `len`
/// bytes hold the expression in prefix form (`expressionLines` lines), then the
/// `assumedCount` assumed scopes, one per line. `undefined` sends the caller to
/// the checked `satisfiesExpression`, which explains the problem.
#[wasm_bindgen(js_name = satisfiesPad, skip_typescript)]
pub fn satisfies_pad(
    len: u32,
    #[wasm_bindgen(js_name = expressionLines)] expression_lines: u32,
    #[wasm_bindgen(js_name = assumedCount)] assumed_count: u32,
) -> Option<bool> {
    let (lines, assumed) = (usize::try_from(expression_lines).ok()?, usize::try_from(assumed_count).ok()?);
    pad::read(usize::try_from(len).ok()?, |text| {
        scopes::satisfies_prefix_with_assumed(text, lines, assumed, PREFIX_LIMITS)
    })
}

/// `ScopeSet#satisfies`' fast path (pkg-template/scopes.js): the expression in
/// prefix form, `len` bytes in `lineCount` lines in the pad. `undefined` sends
/// the caller to the checked `satisfies`. A function rather than a method, so
/// that it stays off the public class.
#[wasm_bindgen(js_name = scopeSetSatisfiesPad, skip_typescript)]
pub fn scope_set_satisfies_pad(
    set: &ScopeSet,
    len: u32,
    #[wasm_bindgen(js_name = lineCount)] line_count: u32,
) -> Option<bool> {
    let line_count = usize::try_from(line_count).ok()?;
    pad::read(usize::try_from(len).ok()?, |text| set.inner.satisfies_prefix(text, line_count, PREFIX_LIMITS))
}

/// The prepared set of the `count` scopes in the pad's first `len` bytes, one per
/// line, for `satisfiesExpression`'s scope lists seen again (pkg-template/scopes.js);
/// `undefined` for anything but valid scopes, which the checked path then reports.
#[wasm_bindgen(js_name = scopeSetFromPad, skip_typescript)]
pub fn scope_set_from_pad(len: u32, count: u32) -> Option<ScopeSet> {
    let count = usize::try_from(count).ok()?;
    let assumed = pad::read(usize::try_from(len).ok()?, |text| {
        Some(scopes::scope_lines(text, count, PREFIX_LIMITS)?.into_iter().map(str::to_owned).collect::<Vec<_>>())
    })?;
    Some(ScopeSet { inner: scopes::ScopeSet::new(&assumed) })
}

/// An expression read once, for pkg-template/scopes.js's expressions seen again:
/// checked against a ScopeSet without any text crossing. Internal (no types).
#[wasm_bindgen(js_name = PreparedExpression, skip_typescript)]
pub struct PreparedExpression {
    inner: scopes::PreparedExpression,
}

/// The expression in prefix form in the pad's first `len` bytes (`lineCount`
/// lines), read once; `undefined` for what the checked path must judge.
#[wasm_bindgen(js_name = expressionFromPad, skip_typescript)]
pub fn expression_from_pad(
    len: u32,
    #[wasm_bindgen(js_name = lineCount)] line_count: u32,
) -> Option<PreparedExpression> {
    let line_count = usize::try_from(line_count).ok()?;
    let read = |text: &str| scopes::PreparedExpression::from_prefix(text, line_count, PREFIX_LIMITS);
    Some(PreparedExpression { inner: pad::read(usize::try_from(len).ok()?, read)? })
}

/// Do the scopes of `set` satisfy the prepared `expression`? One call, numbers only.
#[wasm_bindgen(js_name = scopeSetSatisfiesPrepared, skip_typescript)]
pub fn scope_set_satisfies_prepared(set: &ScopeSet, expression: &PreparedExpression) -> bool {
    expression.inner.satisfied_by(&|scope| set.inner.covers(scope))
}

/// The assumed scopes that satisfy `expression`, or `undefined` when it is not satisfied.
#[wasm_bindgen(js_name = scopesSatisfying, unchecked_return_type = "string[] | undefined")]
pub fn scopes_satisfying(
    #[wasm_bindgen(unchecked_param_type = "string[]")] scopeset: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ScopeExpression")] expression: JsValue,
) -> JsResult<JsValue> {
    guarded("scopesSatisfying", || {
        let found = scopes::scopes_satisfying(
            &scope_list(&scopeset, "scopeset")?,
            &valid_expression(&expression, "expression")?,
        );
        Ok(found.map_or(JsValue::UNDEFINED, |list| values::string_array(&list)))
    })
}

/// What remains of `expression` once `scopes` are given; `null` when nothing remains.
#[wasm_bindgen(js_name = removeGivenScopes, unchecked_return_type = "ScopeExpression | null")]
pub fn remove_given_scopes(
    #[wasm_bindgen(unchecked_param_type = "string[]")] scopes_to_remove: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ScopeExpression")] expression: JsValue,
) -> JsResult<JsValue> {
    guarded("removeGivenScopes", || {
        let rest = scopes::remove_given_scopes(
            &scope_list(&scopes_to_remove, "scopes")?,
            &valid_expression(&expression, "expression")?,
        );
        Ok(rest.map_or(JsValue::NULL, |expr| values::expression(&expr)))
    })
}

#[wasm_bindgen(js_name = simplifyScopeExpression, unchecked_return_type = "ScopeExpression")]
pub fn simplify_scope_expression(
    #[wasm_bindgen(unchecked_param_type = "ScopeExpression")] expression: JsValue,
) -> JsResult<JsValue> {
    guarded("simplifyScopeExpression", || {
        Ok(values::expression(&scopes::simplify_scope_expression(&valid_expression(&expression, "expression")?)))
    })
}

/// Defines a binary scope-set operation `(a: string[], b: string[]) => string[]`.
macro_rules! scope_set_operation {
    ($(#[$doc:meta])* $rust_name:ident, $js_name:literal, $core:path) => {
        $(#[$doc])*
        #[wasm_bindgen(js_name = $js_name, unchecked_return_type = "string[]")]
        pub fn $rust_name(
            #[wasm_bindgen(unchecked_param_type = "string[]")] a: JsValue,
            #[wasm_bindgen(unchecked_param_type = "string[]")] b: JsValue,
        ) -> JsResult<JsValue> {
            guarded($js_name, || Ok(values::string_array(&$core(&scope_list(&a, "a")?, &scope_list(&b, "b")?))))
        }
    };
}

scope_set_operation!(
    /// The scopes satisfied by both `a` and `b`, normalized.
    scope_intersection, "scopeIntersection", scopes::scope_intersection
);
scope_set_operation!(
    /// The scopes satisfied by `a` or `b`, normalized.
    scope_union, "scopeUnion", scopes::scope_union
);
scope_set_operation!(
    /// Merges two already-normalized scope sets into one normalized set.
    merge_scope_sets, "mergeScopeSets", scopes::merge_scope_sets
);

/// Sorted, with every scope that another scope's `*` covers removed.
#[wasm_bindgen(js_name = normalizeScopeSet, unchecked_return_type = "string[]")]
pub fn normalize_scope_set(#[wasm_bindgen(unchecked_param_type = "string[]")] scopes: JsValue) -> JsResult<JsValue> {
    guarded("normalizeScopeSet", || {
        Ok(values::string_array(&scopes::normalize_scope_set(&scope_list(&scopes, "scopes")?)))
    })
}

/// The order `normalizeScopeSet` sorts by (`a*` before `a`-prefixed scopes).
#[wasm_bindgen(js_name = scopeCompare)]
pub fn scope_compare(
    #[wasm_bindgen(unchecked_param_type = "string")] a: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] b: JsValue,
) -> JsResult<i32> {
    guarded("scopeCompare", || Ok(scopes::scope_compare(&args::string(&a, "a")?, &args::string(&b, "b")?) as i32))
}

/// Does the assumed `pattern` (possibly ending in `*`) satisfy `scope`?
#[wasm_bindgen(js_name = patternMatch)]
pub fn pattern_match(
    #[wasm_bindgen(unchecked_param_type = "string")] pattern: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] scope: JsValue,
) -> JsResult<bool> {
    guarded("patternMatch", || {
        Ok(scopes::pattern_match(&args::string(&pattern, "pattern")?, &args::string(&scope, "scope")?))
    })
}

/// Is `scope` a string of printable ASCII? Never throws.
#[wasm_bindgen(js_name = validScope)]
pub fn valid_scope(#[wasm_bindgen(unchecked_param_type = "unknown")] scope: JsValue) -> bool {
    args::string(&scope, "scope").is_ok_and(|s| scopes::valid_scope(&s))
}

/// Is `expression` a valid scope expression? Never throws.
#[wasm_bindgen(js_name = validExpression)]
pub fn valid_expression_js(#[wasm_bindgen(unchecked_param_type = "unknown")] expression: JsValue) -> bool {
    valid_expression(&expression, "expression").is_ok()
}

/// One user's scopes, prepared for checking many expressions quickly.
#[wasm_bindgen(js_name = ScopeSet)]
pub struct ScopeSet {
    inner: scopes::ScopeSet,
}

#[wasm_bindgen(js_class = ScopeSet)]
impl ScopeSet {
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "string[]")] assumed: JsValue) -> JsResult<ScopeSet> {
        guarded("ScopeSet", || Ok(ScopeSet { inner: scopes::ScopeSet::new(&scope_list(&assumed, "assumed")?) }))
    }

    /// Whether these scopes satisfy `expression`.
    pub fn satisfies(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScopeExpression")] expression: JsValue,
    ) -> JsResult<bool> {
        guarded("ScopeSet.satisfies", || Ok(self.inner.satisfies(&valid_expression(&expression, "expression")?)))
    }

    /// Whether these scopes satisfy the single scope `scope`.
    pub fn covers(&self, #[wasm_bindgen(unchecked_param_type = "string")] scope: JsValue) -> JsResult<bool> {
        guarded("ScopeSet.covers", || Ok(self.inner.covers(&args::string(&scope, "scope")?)))
    }

    /// The scopes, normalized.
    #[wasm_bindgen(getter, unchecked_return_type = "string[]")]
    pub fn scopes(&self) -> JsValue {
        values::string_array(self.inner.scopes())
    }
}
