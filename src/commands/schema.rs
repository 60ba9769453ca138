//! `annals schema`: the JSON Schema of event front matter, for editors and CI.

use super::Exit;

pub fn run() -> Exit {
    let schema = crate::parse::schema::event_schema();
    match serde_json::to_string_pretty(&schema) {
        Ok(text) => {
            println!("{text}");
            Exit::Success
        }
        Err(e) => {
            eprintln!("error: {e}");
            Exit::ContentError
        }
    }
}
