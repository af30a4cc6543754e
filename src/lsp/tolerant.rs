//! What real clients send, made acceptable before tower-lsp-server decodes it.
//!
//! `textDocument/codeAction` params are decoded strictly by lsp-types: a diagnostic in the
//! context without `message` or `range`, a context without `diagnostics`, a position with a
//! negative or fractional number would each be answered with `-32602 Invalid params`. The server
//! never reads the context's diagnostics (it answers from its own findings for the range, the
//! ones that still apply to the current text), so they are dropped; `only` and `triggerKind` are
//! kept when well-formed; positions are clamped into `0..=u32::MAX` (a range past the end is
//! clamped to the text later) and a missing range is the document's start.

use serde_json::{json, Map, Value};

const CODE_ACTION: &str = "textDocument/codeAction";

/// `body` with tolerable `textDocument/codeAction` params made decodable; any other message as
/// it is.
pub fn normalize(body: Vec<u8>) -> Vec<u8> {
    let mentions = std::str::from_utf8(&body).is_ok_and(|s| s.contains(CODE_ACTION));
    if !mentions {
        return body;
    }
    let Ok(mut v) = serde_json::from_slice::<Value>(&body) else {
        return body;
    };
    if v.get("method").and_then(Value::as_str) != Some(CODE_ACTION) {
        return body;
    }
    let Some(params) = v.get_mut("params").and_then(Value::as_object_mut) else {
        return body;
    };
    code_action_params(params);
    serde_json::to_vec(&v).unwrap_or(body)
}

fn code_action_params(params: &mut Map<String, Value>) {
    let mut context = match params.remove("context") {
        Some(Value::Object(c)) => c,
        _ => Map::new(),
    };
    context.insert("diagnostics".into(), json!([]));
    let only_ok = context
        .get("only")
        .is_none_or(|o| o.as_array().is_some_and(|a| a.iter().all(Value::is_string)));
    if !only_ok {
        context.remove("only");
    }
    if context
        .get("triggerKind")
        .is_some_and(|t| t.as_u64().is_none_or(|k| !(1..=2).contains(&k)))
    {
        context.remove("triggerKind");
    }
    params.insert("context".into(), Value::Object(context));
    let range = params.get("range");
    let start = position(range.and_then(|r| r.get("start")));
    let end = range
        .and_then(|r| r.get("end"))
        .map_or_else(|| start.clone(), |e| position(Some(e)));
    params.insert("range".into(), json!({ "start": start, "end": end }));
}

fn position(p: Option<&Value>) -> Value {
    let n = |k: &str| -> u64 {
        let v = p.and_then(|p| p.get(k));
        match v.and_then(Value::as_f64) {
            Some(x) if x > 0.0 => (x as u64).min(u64::from(u32::MAX)),
            _ => 0,
        }
    };
    json!({ "line": n("line"), "character": n("character") })
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::lsp_types::CodeActionParams;

    fn decoded(params: Value) -> Option<CodeActionParams> {
        let msg = json!({ "jsonrpc": "2.0", "id": 1, "method": CODE_ACTION, "params": params });
        let out: Value = serde_json::from_slice(&normalize(msg.to_string().into_bytes())).ok()?;
        serde_json::from_value(out["params"].clone()).ok()
    }

    #[test]
    fn what_clients_send_decodes() {
        let td = json!({ "uri": "file:///ws/d.md" });
        let r =
            json!({ "start": { "line": 2, "character": 4 }, "end": { "line": 2, "character": 9 } });
        for params in [
            // A diagnostic without message, severity or source; one without a range.
            json!({ "textDocument": td, "range": r, "context": { "diagnostics": [{ "range": r }, { "message": "x" }] } }),
            // No diagnostics at all, no context at all.
            json!({ "textDocument": td, "range": r, "context": {} }),
            json!({ "textDocument": td, "range": r }),
            // A malformed `only` and trigger kind; negative and fractional positions.
            json!({ "textDocument": td, "range": { "start": { "line": -1, "character": 2.5 }, "end": { "line": 2 } }, "context": { "only": "quickfix", "triggerKind": 9 } }),
            // No range.
            json!({ "textDocument": td, "context": { "diagnostics": [] } }),
        ] {
            assert!(decoded(params.clone()).is_some(), "{params}");
        }
        let p = decoded(
            json!({ "textDocument": td, "range": r, "context": { "only": ["quickfix"], "triggerKind": 1 } }),
        );
        let p = p.unwrap_or_else(|| unreachable!());
        assert_eq!(p.range.start.line, 2);
        assert_eq!(p.range.end.character, 9);
        assert!(p.context.only.is_some() && p.context.trigger_kind.is_some());
    }

    #[test]
    fn other_messages_are_untouched() {
        let body = br#"{"jsonrpc":"2.0","id":1,"method":"textDocument/hover","params":{"x":"textDocument/codeAction"}}"#.to_vec();
        assert_eq!(normalize(body.clone()), body);
        let body = b"not json textDocument/codeAction".to_vec();
        assert_eq!(normalize(body.clone()), body);
    }
}
