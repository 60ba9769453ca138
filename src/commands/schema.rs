//! `annals schema`: the JSON Schema of event front matter, for editors and CI.

use super::Exit;

pub fn run() -> Exit {
    let schema = crate::parse::schema::event_schema();
    match serde_json::to_string_pretty(&schema) {
        Ok(text) => super::print_answer(&(text + "\n"), Exit::Success),
        Err(e) => {
            eprintln!("error: cannot write the schema as JSON: {e}");
            Exit::ContentError
        }
    }
}
