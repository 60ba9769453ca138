//! `annals theme vars [TEMPLATE]`: the variables each template receives,
//! generated from the view types (`render::vars`), the same text as the
//! reference section of docs/templates.md.

use super::Exit;
use crate::render::vars;

pub fn vars(template: Option<&str>) -> Exit {
    let all = vars::all();
    let chosen: Vec<vars::TemplateVars> = match template {
        None => all,
        Some(name) => {
            let known: Vec<&str> = all
                .iter()
                .map(|t| t.template)
                .filter(|t| t.contains('.'))
                .collect();
            if !known.contains(&name) {
                eprintln!(
                    "error[E002]: annals renders no template `{name}`\n  = hint: the templates are {}",
                    known.join(", ")
                );
                return Exit::UsageError;
            }
            // The globals first: every template has them too.
            all.into_iter()
                .filter(|t| t.template == name || !t.template.contains('.'))
                .collect()
        }
    };
    super::print_answer(&vars::markdown(&chosen), Exit::Success)
}
