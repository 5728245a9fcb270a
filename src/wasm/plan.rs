//! `Plan`: a compiled plan document and per-record evaluation.

use super::convert::{self, expect_object, JsRecord};
use super::error::to_js;
use crate::error::{Error, ErrorCode, Origin};
use crate::locale::Locale;
use crate::output::PlanResult;
use crate::plan::Plan;
use std::collections::HashMap;
use wasm_bindgen::prelude::*;

/// A compiled plan.
#[wasm_bindgen(js_name = Plan)]
pub struct JsPlan {
    inner: Plan,
    keys: HashMap<String, JsValue>,
}

#[wasm_bindgen(js_class = Plan)]
impl JsPlan {
    /// Compiles a plan document (a JSON string or an object). Throws `SalesScoreError` with a
    /// JSON pointer into the document.
    pub fn compile(
        #[wasm_bindgen(unchecked_param_type = "PlanDocument | string")] document: JsValue,
    ) -> Result<JsPlan, JsValue> {
        let json = match document.as_string() {
            Some(s) => s,
            None => js_sys::JSON::stringify(&document).ok().and_then(|s| s.as_string()).ok_or_else(|| {
                to_js(&Error::new(ErrorCode::InvalidPlan).found("not JSON").path(Origin::Plan, ""), Locale::default())
            })?,
        };
        let inner = Plan::compile(&json).map_err(|e| to_js(&e, locale_hint(&json)))?;
        let keys = inner.field_ids().map(|id| (id.to_string(), JsValue::from_str(id))).collect();
        Ok(JsPlan { inner, keys })
    }

    /// Evaluates one record: `{ metrics, trace? }`.
    #[wasm_bindgen(unchecked_return_type = "PlanResult")]
    pub fn evaluate(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] record: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Options")] options: Option<js_sys::Object>,
    ) -> Result<JsValue, JsValue> {
        let options = convert::options(&options).map_err(|e| to_js(&e, self.inner.locale()))?;
        let locale = options.locale.unwrap_or(self.inner.locale());
        let run = || -> Result<JsValue, Error> {
            expect_object(&record, "")?;
            let eval = self
                .inner
                .evaluate_in(&JsRecord { obj: &record, keys: &self.keys }, options.explain.then_some(locale))?;
            convert::to_js(&PlanResult::new(eval, &options))
        };
        run().map_err(|e| to_js(&e, locale))
    }

    /// The plan document as compiled (with defaults filled in).
    #[wasm_bindgen(unchecked_return_type = "PlanDocument")]
    pub fn document(&self) -> Result<JsValue, JsValue> {
        convert::to_js(self.inner.document()).map_err(|e| to_js(&e, self.inner.locale()))
    }
}

/// The locale a document asks for, for errors thrown before it is compiled.
fn locale_hint(json: &str) -> Locale {
    if json.contains("\"locale\"") && json.contains("\"en\"") {
        Locale::En
    } else {
        Locale::ZhCn
    }
}
