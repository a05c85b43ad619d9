//! `check`: the data and the context, checked.

use super::args::*;
use super::common::*;
use negotiations::context::Context;
use negotiations::{Error, TABLES};

pub(crate) fn run(data: DataArg) -> Result<(), Error> {
    let where_ = data
        .data
        .as_ref()
        .map_or("built-in data".to_string(), |d| d.display().to_string());
    let d = load(&data)?;
    let mut rows = Vec::new();
    for t in TABLES {
        rows.push(format!("{} {}", d.table(t.name)?.height(), t.name));
    }
    println!("ok: {where_}: {}", rows.join(", "));
    if !d.quotes_checked() {
        println!(
            "note: quotes not checked: this build has no article texts (the published crate leaves them out); `check --data DIR` with the repository's data/ checks them"
        );
    }
    let ctx = Context::for_dataset(&d)?;
    let dangling = ctx.check_links(&d);
    // The built-in links name the shipped processes: beside a data
    // directory of one's own without a `context/`, those it lacks
    // are left out, not errors.
    let own_data = !matches!(d.origin(), negotiations::Origin::Embedded);
    let built_in_context = matches!(ctx.origin(), negotiations::Origin::Embedded);
    if own_data && built_in_context {
        if !dangling.is_empty() {
            println!(
                "note: {} of the built-in context's links name processes or outcomes this data lacks; they are left out (give DIR/context/links.csv to link your own)",
                dangling.len()
            );
        }
    } else if !dangling.is_empty() {
        return Err(dangling.into());
    }
    let mut rows = Vec::new();
    for t in negotiations::context::TABLES {
        rows.push(format!("{} {}", ctx.table(t.name)?.height(), t.name));
    }
    let from = match ctx.origin() {
        negotiations::Origin::Dir(dir) => dir.display().to_string(),
        _ => "built-in context data".to_string(),
    };
    println!("ok: {from}: {}", rows.join(", "));
    Ok(())
}
