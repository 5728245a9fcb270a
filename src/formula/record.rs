//! Where a record's values come from: the trait every engine reads records through (a JSON
//! object natively, a JS object in WebAssembly), and its sub-tables (子表: a rep's orders).

use super::input::Input;
use crate::base::error::{Error, ErrorCode, Origin, Phrase, Text};

/// Where a record's values come from (a JSON object natively, a JS object in WebAssembly).
pub trait Record {
    /// The raw value of `field`, the plan's field number `index`.
    fn input(&self, index: usize, field: &str) -> Input;
    /// Why the record cannot be read at all (e.g. it is not an object), if it cannot.
    fn problem(&self) -> Option<Error> {
        None
    }
    /// The array of objects under `key` (a sub-table, 子表: a rep's orders), as the cells of
    /// `columns`; the cells of column `json` (a nested value, e.g. a split) come as JSON.
    /// `Ok(None)` when the record has nothing there.
    fn rows(
        &self,
        _key: &str,
        _columns: &[&str],
        _json: Option<usize>,
    ) -> std::result::Result<Option<Rows>, RowsError> {
        Ok(None)
    }
    /// The raw values of every field of `fields` at once, by field number, when the record can
    /// read them faster together than one by one (a JSON object natively, in one pass over its
    /// keys); `None` when it cannot (a JS object: each field is read by [`Record::input`], in
    /// order, as it is needed).
    fn inputs(&self, _fields: &FieldNames) -> Option<Vec<Input>> {
        None
    }
    /// The array under `key` lent as it is, when the record holds JSON (natively), so that its
    /// cells are read in place rather than copied: the checks of [`Record::rows`] on the array
    /// itself (its rows are not looked at). `None` when the record cannot lend it (a JS object):
    /// read [`Record::rows`] then.
    fn json_rows(&self, _key: &str) -> Option<std::result::Result<Option<&[serde_json::Value]>, RowsError>> {
        None
    }
}

/// The field names a plan reads, by field number, and the numbers in the order of the names'
/// bytes (the order a JSON object's keys are kept in), to read a record in one pass.
#[derive(Clone, Debug, Default)]
pub struct FieldNames {
    names: Vec<String>,
    sorted: Vec<usize>,
}

impl FieldNames {
    /// The names, by field number.
    pub fn new(names: Vec<String>) -> Self {
        let mut sorted: Vec<usize> = (0..names.len()).collect();
        sorted.sort_by(|a, b| names.get(*a).cmp(&names.get(*b)));
        FieldNames { names, sorted }
    }

    /// The name of field `index`.
    pub fn name(&self, index: usize) -> &str {
        self.names.get(index).map_or("", String::as_str)
    }

    /// How many fields there are.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

impl FieldNames {
    /// Finds each name's value in `map` (`None`: no such key) into `out`, by field number.
    pub fn find<'m>(
        &self,
        map: &'m serde_json::Map<String, serde_json::Value>,
        out: &mut [Option<&'m serde_json::Value>],
    ) {
        self.visit(map, |index, value| {
            if let Some(slot) = out.get_mut(index) {
                *slot = Some(value);
            }
        });
    }

    /// Calls `found` with the field number and value of each name `map` has. The keys of a
    /// serde_json object come in the order of their bytes, and are then walked once together
    /// with the sorted names; were they kept in another order, each name is looked up.
    fn visit<'m>(
        &self,
        map: &'m serde_json::Map<String, serde_json::Value>,
        mut found: impl FnMut(usize, &'m serde_json::Value),
    ) {
        if !keys_sorted() {
            for index in 0..self.len() {
                if let Some(value) = map.get(self.name(index)) {
                    found(index, value);
                }
            }
            return;
        }
        let mut wanted = self.sorted.iter().copied().peekable();
        for (key, value) in map {
            while let Some(index) = wanted.peek().copied() {
                match self.name(index).cmp(key.as_str()) {
                    std::cmp::Ordering::Less => {
                        wanted.next();
                    }
                    std::cmp::Ordering::Equal => {
                        found(index, value);
                        wanted.next();
                        break;
                    }
                    std::cmp::Ordering::Greater => break,
                }
            }
            if wanted.peek().is_none() {
                break;
            }
        }
    }
}

/// Whether serde_json keeps an object's keys in the order of their bytes, as it does unless some
/// crate of the build enables its `preserve_order` feature (insertion order then): checked once.
fn keys_sorted() -> bool {
    static SORTED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *SORTED.get_or_init(|| {
        let mut map = serde_json::Map::new();
        map.insert("b".to_string(), serde_json::Value::Null);
        map.insert("a".to_string(), serde_json::Value::Null);
        map.insert("c".to_string(), serde_json::Value::Null);
        map.keys().map(String::as_str).eq(["a", "b", "c"])
    })
}

/// The cells of a sub-table, row by row: `cells[row × columns + column]`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rows {
    /// Number of rows.
    pub count: usize,
    /// The cells, row-major; a missing key is `Input::Missing`.
    pub cells: Vec<Input>,
    /// The JSON column's value per row (`None` when missing).
    pub json: Vec<Option<serde_json::Value>>,
}

/// Rows of a sub-table one record may hold (orders per record).
pub const MAX_ROWS: usize = 100_000;

/// Why a sub-table could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowsError {
    /// The value is not an array; its type.
    NotArray(&'static str),
    /// Row `index` is not an object.
    NotObject(usize),
    /// More rows than [`MAX_ROWS`]: how many.
    TooMany(usize),
    /// The host could not give a value (a getter threw, a text past the limit, a nested value
    /// with no JSON form): the code, the row (none for the array itself), the column and what
    /// was found.
    Host {
        /// The code of the error to report.
        code: ErrorCode,
        /// The row, or none for the sub-table itself.
        row: Option<usize>,
        /// The column as a JSON-pointer segment (and the path inside a nested cell), or empty.
        column: String,
        /// What was found.
        found: String,
    },
}

impl Record for serde_json::Value {
    fn input(&self, _index: usize, field: &str) -> Input {
        Input::from_json(self.get(field))
    }
    /// A record must be an object, as in JS: `null`, an array or a scalar is `INVALID_VALUE`
    /// (never a record whose every field is missing).
    fn problem(&self) -> Option<Error> {
        use serde_json::Value as J;
        let found = match self {
            J::Object(_) => return None,
            J::Null => "null",
            J::Array(_) => "array",
            J::String(_) => "string",
            J::Number(_) => "number",
            J::Bool(_) => "boolean",
        };
        let err = Error::new(ErrorCode::InvalidValue)
            .name(Phrase::Record)
            .expected(Phrase::KindObject)
            .found(Text::from_wire(found));
        Some(err.path(Origin::Record, ""))
    }
    fn inputs(&self, fields: &FieldNames) -> Option<Vec<Input>> {
        let serde_json::Value::Object(map) = self else { return None };
        // With up to 11 keys (one node of serde_json's B-tree) or names, looking each name up is
        // as quick.
        if map.len() <= 11 || fields.len() <= 11 {
            return None;
        }
        let mut inputs = vec![Input::Missing; fields.len()];
        fields.visit(map, |index, value| {
            if let Some(slot) = inputs.get_mut(index) {
                *slot = Input::from_json(Some(value));
            }
        });
        Some(inputs)
    }
    fn json_rows(&self, key: &str) -> Option<std::result::Result<Option<&[serde_json::Value]>, RowsError>> {
        use serde_json::Value as J;
        Some(match self.get(key) {
            None | Some(J::Null) => Ok(None),
            Some(J::Array(items)) if items.len() > MAX_ROWS => Err(RowsError::TooMany(items.len())),
            Some(J::Array(items)) => Ok(Some(items.as_slice())),
            Some(J::Object(_)) => Err(RowsError::NotArray("object")),
            Some(J::String(_)) => Err(RowsError::NotArray("string")),
            Some(J::Number(_)) => Err(RowsError::NotArray("number")),
            Some(J::Bool(_)) => Err(RowsError::NotArray("boolean")),
        })
    }
    fn rows(&self, key: &str, columns: &[&str], json: Option<usize>) -> std::result::Result<Option<Rows>, RowsError> {
        use serde_json::Value as J;
        let Some(items) = self.json_rows(key).unwrap_or(Ok(None))? else { return Ok(None) };
        let mut rows = Rows {
            count: items.len(),
            cells: Vec::with_capacity(items.len().saturating_mul(columns.len())),
            json: Vec::with_capacity(if json.is_some() { items.len() } else { 0 }),
        };
        for (index, item) in items.iter().enumerate() {
            let J::Object(map) = item else { return Err(RowsError::NotObject(index)) };
            for (k, column) in columns.iter().enumerate() {
                if Some(k) == json {
                    rows.json.push(map.get(*column).filter(|v| !v.is_null()).cloned());
                    rows.cells.push(Input::Missing);
                } else {
                    rows.cells.push(Input::from_json(map.get(*column)));
                }
            }
        }
        Ok(Some(rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_as_each_would_be_looked_up() {
        let record = serde_json::json!({
            "回款额": 1, "目标": "2", "b": null, "a": [1], "订单": [], "zz": true, "": 0, "é": 1
        });
        let map = record.as_object().cloned().unwrap_or_default();
        let lists: [&[&str]; 4] = [&[], &["目标", "a", "missing", "", "回款额"], &["zz", "b", "0", "é"], &["订单"]];
        for names in lists {
            let fields = FieldNames::new(names.iter().map(|s| s.to_string()).collect());
            let mut found = vec![None; fields.len()];
            fields.find(&map, &mut found);
            let looked_up: Vec<_> = names.iter().map(|n| map.get(*n)).collect();
            assert_eq!(found, looked_up, "{names:?}");
        }
    }
}
