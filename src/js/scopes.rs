//! Scope satisfaction and scope-set algebra, with taskcluster-lib-scopes semantics.
//! The arguments are read and checked in JS (pkg-template/scopes.js): lists and
//! expressions cross as one string each (see [`super::bulk`]); the rules, and the
//! errors about scopes that break them, stay here.

use wasm_bindgen::prelude::*;

use super::bulk::{expression_nodes, list_items};
use super::errors::{JsResult, guarded};
use super::{pad, values};
use crate::core::scopes::{self, Expression, Limits};
use crate::core::{Error, Result};

/// What the prefix-form readers take. JS refuses deeper or longer input with an
/// error first (pkg-template/arguments.js has the limits); this is only the guard
/// that keeps recursion far from the stack limit.
const PREFIX_LIMITS: Limits = Limits { max_depth: 1000, max_items: usize::MAX };

/// Valid assumed scopes from their one-string form (`what` names the argument).
fn scope_list(text: &str, what: &str) -> Result<Vec<String>> {
    let list = list_items(text);
    scopes::validate_scopes(&list, what)?;
    Ok(list)
}

/// A valid expression from its one-string prefix form.
fn valid_expression(text: &str, what: &str) -> Result<Expression> {
    let (nodes, separator) = expression_nodes(text);
    let expr = scopes::decode_prefix(nodes, separator, PREFIX_LIMITS)
        .ok_or_else(|| Error::invalid(format!("{what} is not a scope expression")))?;
    scopes::validate_expression(&expr, what)?;
    Ok(expr)
}

/// The seed's `scopeMatch`: does `assumed` satisfy any of the scope sets in
/// `requiredScopeSets` (a list of lists, each in its one-string form)?
#[wasm_bindgen(js_name = scopeMatchOf, skip_typescript)]
pub fn scope_match_of(assumed: &str, required_scope_sets: &str) -> JsResult<bool> {
    guarded("scopeMatch", || {
        let assumed = scope_list(assumed, "assumed")?;
        let mut sets = Vec::new();
        for (i, set) in list_items(required_scope_sets).iter().enumerate() {
            sets.push(scope_list(set, &format!("requiredScopeSets[{i}]"))?);
        }
        Ok(scopes::scope_match(&assumed, &sets))
    })
}

/// The functions of scopes and an expression, each named as JS calls it: 0
/// `satisfiesExpression` (a boolean), 1 `scopesSatisfying` (the assumed scopes that
/// satisfy it, or `undefined`), 2 `removeGivenScopes` (what remains once `scopes`
/// are given, or `null`), 3 `simplifyScopeExpression` (`scopes` unused).
#[wasm_bindgen(js_name = scopeExpressionOperation, skip_typescript)]
pub fn scope_expression_operation(operation: u32, scopes: &str, expression: &str) -> JsResult<JsValue> {
    let (name, scopes_name) = match operation {
        0 => ("satisfiesExpression", "scopeset"),
        1 => ("scopesSatisfying", "scopeset"),
        2 => ("removeGivenScopes", "scopes"),
        _ => ("simplifyScopeExpression", ""),
    };
    guarded(name, || {
        let list = if scopes_name.is_empty() { Vec::new() } else { scope_list(scopes, scopes_name)? };
        let expr = valid_expression(expression, "expression")?;
        Ok(match operation {
            0 => JsValue::from_bool(scopes::satisfies_expression(&list, &expr)),
            1 => {
                scopes::scopes_satisfying(&list, &expr).map_or(JsValue::UNDEFINED, |found| values::string_array(&found))
            }
            2 => scopes::remove_given_scopes(&list, &expr).map_or(JsValue::NULL, |rest| values::expression(&rest)),
            _ => values::expression(&scopes::simplify_scope_expression(&expr)),
        })
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

/// A binary scope-set operation of `core::scopes`.
type SetOperation = fn(&[String], &[String]) -> Vec<String>;

/// The binary scope-set operations: 0 `scopeIntersection` (scopes satisfied by both),
/// 1 `scopeUnion` (by either), 2 `mergeScopeSets` (two normalized sets merged).
#[wasm_bindgen(js_name = scopeSetOperation, skip_typescript)]
pub fn scope_set_operation(operation: u32, a: &str, b: &str) -> JsResult<JsValue> {
    let (name, combine): (&str, SetOperation) = match operation {
        0 => ("scopeIntersection", scopes::scope_intersection),
        1 => ("scopeUnion", scopes::scope_union),
        _ => ("mergeScopeSets", scopes::merge_scope_sets),
    };
    guarded(name, || Ok(values::string_array(&combine(&scope_list(a, "a")?, &scope_list(b, "b")?))))
}

/// Sorted, with every scope that another scope's `*` covers removed.
#[wasm_bindgen(js_name = normalizeScopeSetOf, skip_typescript)]
pub fn normalize_scope_set_of(scopes: &str) -> JsResult<JsValue> {
    guarded("normalizeScopeSet", || {
        Ok(values::string_array(&scopes::normalize_scope_set(&scope_list(scopes, "scopes")?)))
    })
}

/// The order `normalizeScopeSet` sorts by (`a*` before `a`-prefixed scopes).
#[wasm_bindgen(js_name = scopeCompareOf, skip_typescript)]
pub fn scope_compare_of(a: &str, b: &str) -> i32 {
    scopes::scope_compare(a, b) as i32
}

/// Does the assumed `pattern` (possibly ending in `*`) satisfy `scope`?
#[wasm_bindgen(js_name = patternMatchOf, skip_typescript)]
pub fn pattern_match_of(pattern: &str, scope: &str) -> bool {
    scopes::pattern_match(pattern, scope)
}

/// Is `scope` printable ASCII?
#[wasm_bindgen(js_name = validScopeOf, skip_typescript)]
pub fn valid_scope_of(scope: &str) -> bool {
    scopes::valid_scope(scope)
}

/// Is the expression (read in JS) made of valid scopes?
#[wasm_bindgen(js_name = validExpressionOf, skip_typescript)]
pub fn valid_expression_of(expression: &str) -> bool {
    valid_expression(expression, "expression").is_ok()
}

/// One user's scopes, prepared for checking many expressions quickly.
#[wasm_bindgen(js_name = ScopeSet)]
pub struct ScopeSet {
    inner: scopes::ScopeSet,
}

#[wasm_bindgen(js_class = ScopeSet)]
impl ScopeSet {
    /// `assumed` crosses in its one-string form (pkg-template/scopes.js's subclass reads the array).
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "string[]")] assumed: &str) -> JsResult<ScopeSet> {
        guarded("ScopeSet", || Ok(ScopeSet { inner: scopes::ScopeSet::new(&scope_list(assumed, "assumed")?) }))
    }

    /// Whether these scopes satisfy `expression`.
    pub fn satisfies(
        &self,
        #[wasm_bindgen(unchecked_param_type = "ScopeExpression")] expression: &str,
    ) -> JsResult<bool> {
        guarded("ScopeSet.satisfies", || Ok(self.inner.satisfies(&valid_expression(expression, "expression")?)))
    }

    /// Whether these scopes satisfy the single scope `scope`.
    pub fn covers(&self, scope: &str) -> bool {
        self.inner.covers(scope)
    }

    /// The scopes, normalized.
    #[wasm_bindgen(getter, unchecked_return_type = "string[]")]
    pub fn scopes(&self) -> JsValue {
        values::string_array(self.inner.scopes())
    }
}
