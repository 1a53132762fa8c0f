//! `cargo wb book [--open]`: the course plan brought up to date, then the
//! book built by crates/wb-book.

use std::process::ExitCode;

use anyhow::{Context, Result};
use manifest::Workbook;

use crate::{cargo, plan};

pub fn run(wb: &Workbook, open: bool) -> Result<ExitCode> {
    // The course plan page follows the manifest (see `plan`).
    if plan::write(wb).with_context(|| format!("cannot write {}", plan::PAGE))? {
        eprintln!("{} rewritten from workbook.toml", plan::PAGE);
    }
    let Some(mut builder) = cargo::book_builder(&wb.root, open) else {
        anyhow::bail!("the book builder crates/wb-book is not in this workbook");
    };
    let status = builder.status().context("cannot run cargo")?;
    Ok(if status.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
