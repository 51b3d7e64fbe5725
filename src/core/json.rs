//! Just enough JSON writing for the few documents the core produces itself
//! (Hawk ext, certificates). Parsing JSON is left to the JS side (`JSON.parse`),
//! which keeps a JSON library out of the wasm binary.

/// Appends `value` to `out` as a JSON string literal.
pub fn write_string(out: &mut String, value: &str) {
    out.push('"');
    // Most strings (scopes, ids, base64) need no escape: one copy, no per-character work.
    if value.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\' && b != 0x7f) {
        out.push_str(value);
        out.push('"');
        return;
    }
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends a JSON array of strings.
pub fn write_string_array(out: &mut String, values: &[String]) {
    out.push('[');
    for (i, value) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, value);
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_json_requires() {
        let mut out = String::new();
        write_string(&mut out, "a\"b\\c\nd\u{1}é");
        assert_eq!(out, r#""a\"b\\c\nd\u0001é""#);
    }

    #[test]
    fn writes_arrays() {
        let mut out = String::new();
        write_string_array(&mut out, &["x".into(), "y:*".into()]);
        assert_eq!(out, r#"["x","y:*"]"#);
        let mut empty = String::new();
        write_string_array(&mut empty, &[]);
        assert_eq!(empty, "[]");
    }
}
