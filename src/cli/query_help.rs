//! `tix query`: the reference of the query language, as `tix help query` shows it.

use clap::Args;

use super::Context;
use crate::error::CliError;

/// The query language reference; README.md's "Finding tickets" holds the same text.
pub const REFERENCE: &str = include_str!("query.txt");

/// The query language of `tix list`, `tix export` and every --query
#[derive(Debug, Args)]
#[command(long_about = REFERENCE)]
pub struct QueryArgs {}

pub fn run(ctx: &mut Context, _args: &QueryArgs) -> Result<(), CliError> {
    ctx.out.data(REFERENCE);
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn readme_holds_the_reference() {
        let readme = include_str!("../../README.md");
        assert!(
            readme.contains(super::REFERENCE),
            "README.md's Finding tickets is stale"
        );
    }
}
