//! Runs one People search over a ledger file and prints the matching ids, one a line: a
//! whole-process yardstick to time beside `sqlite3 FILE "SELECT id FROM people WHERE …"`.
//!
//! `cargo run --release --example search_people -- FILE TEXT [added|name]`

use std::io::Write;

use minsheng::store::Store;
use minsheng::store::people::{self, PeopleFilter, SortKey};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(text)) = (args.next(), args.next()) else {
        return Err("usage: search_people FILE TEXT [added|name]".into());
    };
    let sort = match args.next().as_deref() {
        None | Some("name") => SortKey::Name,
        Some("added") => SortKey::Added,
        Some(other) => return Err(format!("unknown sort {other}").into()),
    };
    let store = Store::open(&path)?;
    let filter = PeopleFilter {
        text,
        sort,
        ..PeopleFilter::default()
    };
    let ids = people::search_ids(&store.read(), &filter)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for id in ids {
        writeln!(out, "{id}")?;
    }
    out.flush()?;
    Ok(())
}
