//! `cargo wb hint`: one more hint each time, remembered in `.workbook/hints`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use manifest::{Chapter, Exercise, Workbook};

/// Where the hint counts live, under the workbook's root (git ignores
/// `.workbook/`).
const STATE_FILE: &str = ".workbook/hints";

/// How many hints of each exercise were shown.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Shown(BTreeMap<String, usize>);

impl Shown {
    /// `id count` lines. Anything unreadable means "start over": losing
    /// the count of hints seen is harmless, refusing to give one is not.
    pub fn parse(text: &str) -> Shown {
        let mut counts = BTreeMap::new();
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let parsed = line
                .split_once(' ')
                .and_then(|(id, n)| Some((id, n.trim().parse().ok()?)));
            match parsed {
                Some((id, n)) => counts.insert(id.to_string(), n),
                None => return Shown::default(),
            };
        }
        Shown(counts)
    }

    pub fn render(&self) -> String {
        let mut text = String::from(
            "# cargo wb hint: how many hints of each exercise you have seen. Delete to start over.\n",
        );
        for (id, n) in &self.0 {
            text.push_str(&format!("{id} {n}\n"));
        }
        text
    }

    fn file(root: &Path) -> PathBuf {
        root.join(STATE_FILE)
    }

    pub fn load(root: &Path) -> Shown {
        std::fs::read_to_string(Self::file(root))
            .map(|t| Shown::parse(&t))
            .unwrap_or_default()
    }

    pub fn save(&self, root: &Path) -> std::io::Result<()> {
        let file = Self::file(root);
        std::fs::create_dir_all(file.parent().expect("the state file is in a folder"))?;
        std::fs::write(file, self.render())
    }

    pub fn get(&self, id: &str) -> usize {
        self.0.get(id).copied().unwrap_or(0)
    }

    pub fn set(&mut self, id: &str, n: usize) {
        self.0.insert(id.to_string(), n);
    }
}

pub fn run(wb: &Workbook, chapter: &Chapter, exercise: &Exercise, all: bool) {
    let id = &exercise.id;
    let total = exercise.hints.len();
    let page = chapter.page_path_for_humans(exercise);
    let read_the_book = format!("The book walks through it: {page}, at \"Exercise `{id}`\".");
    if all {
        println!(
            "All {total} hints for exercise `{id}` ({}), gentlest first:\n",
            exercise.title
        );
        for (i, hint) in exercise.hints.iter().enumerate() {
            println!("{}. {hint}\n", i + 1);
        }
        println!("{read_the_book}");
        return;
    }

    let mut shown = Shown::load(&wb.root);
    let seen = shown.get(id).min(total);
    if seen == total {
        println!(
            "You have seen all {total} hints for exercise `{id}`; `cargo wb hint {id} --all` shows them again."
        );
        println!("{read_the_book}");
        return;
    }
    println!(
        "Hint {} of {total} for exercise `{id}` ({}):\n",
        seen + 1,
        exercise.title
    );
    println!("  {}\n", exercise.hints[seen]);
    shown.set(id, seen + 1);
    if let Err(e) = shown.save(&wb.root) {
        // The hint was given; only remembering it failed.
        eprintln!(
            "(could not remember that in {STATE_FILE}: {e}; the next call shows this hint again)"
        );
    }
    if seen + 1 == total {
        println!("That was the last hint. {read_the_book}");
    } else {
        println!("Still stuck? `cargo wb hint {id}` again gives a closer one.");
    }
    println!(
        "Edit {}, then run `cargo wb check {id}`.",
        chapter.exercise_path_for_humans(exercise)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_survive_a_round_trip() {
        let mut shown = Shown::default();
        shown.set("hello", 2);
        shown.set("lazy", 1);
        assert_eq!(Shown::parse(&shown.render()), shown);
    }

    #[test]
    fn a_corrupt_or_missing_file_starts_over() {
        assert_eq!(
            Shown::parse("hello 2\nthis is not a count\n"),
            Shown::default()
        );
        assert_eq!(Shown::parse("hello two\n"), Shown::default());
        assert_eq!(Shown::parse("\u{0}\u{1}binary"), Shown::default());
        assert_eq!(
            Shown::load(Path::new("/no/such/workbook")),
            Shown::default()
        );
    }

    #[test]
    fn saves_under_dot_workbook() {
        let root = std::env::temp_dir().join(format!("wb-hint-test-{}", std::process::id()));
        let mut shown = Shown::default();
        shown.set("hello", 1);
        shown.save(&root).unwrap();
        assert!(root.join(".workbook/hints").is_file());
        assert_eq!(Shown::load(&root).get("hello"), 1);
        std::fs::remove_dir_all(&root).unwrap();
    }
}
