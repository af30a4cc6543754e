//! `factlint add`: saving source items into a corpus folder as Markdown with front matter, one
//! file per item, named from the title. A different document is never overwritten: a file with
//! the same URL is updated in place (and said so), a name taken by another document gets a
//! numbered name.

use super::fetch::{self, FetchOptions};
use super::readers::{self, Format, Item};
use std::path::{Path, PathBuf};

/// Reads a source given as an http(s) URL (fetched within `opts`) or a file path into its items;
/// the URL after redirects fills in a missing `url` (not for feeds, whose items have their own).
/// Other schemes are refused.
pub fn read_source(input: &str, opts: &FetchOptions) -> Result<(Format, Vec<Item>), String> {
    if fetch::is_http_url(input) {
        let got = fetch::fetch(input, opts)?;
        let name = got
            .url
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .rsplit('/')
            .next()
            .unwrap_or("");
        let hint = PathBuf::from(if name.contains('.') {
            name
        } else {
            "page.html"
        });
        let (format, mut items) = readers::read_bytes(Some(&hint), &got.bytes)
            .map_err(|e| format!("{}: {e}", got.url))?;
        if format != Format::Feed {
            for i in &mut items {
                if i.url.is_none() {
                    i.url = Some(got.url.clone());
                }
            }
        }
        return Ok((format, items));
    }
    if input.contains("://") || input.to_ascii_lowercase().starts_with("file:") {
        return Err(format!("{input:?}: only http and https URLs are fetched"));
    }
    readers::read_path(Path::new(input), readers::MAX_SOURCE_BYTES)
        .map_err(|e| format!("{input}: {e}"))
}

/// The folder `add` saves into: the first corpus path of the configuration that is a folder
/// (or names a folder yet to be made), not a glob or a file.
pub fn corpus_folder(corpus: &[PathBuf]) -> Option<PathBuf> {
    corpus
        .iter()
        .find(|p| {
            p.is_dir()
                || (!p.to_string_lossy().contains(['*', '?', '['])
                    && !p.exists()
                    && p.extension().is_none())
        })
        .cloned()
}

/// The current time as `retrieved` says it (UTC, ISO 8601).
pub fn now() -> String {
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .format("%Y-%m-%dT%H:%M:%SZ")
        .to_string()
}

/// What saving an item did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Created,
    /// A file with the same URL existed and now holds the new version.
    Updated,
    /// The same document was already there.
    Unchanged,
}

#[derive(Clone, Debug)]
pub struct Saved {
    pub path: PathBuf,
    pub action: Action,
    /// Why the file name differs from the title's (a different document had it).
    pub note: Option<String>,
}

/// A file name from a title: lower-case ASCII words joined by `-`, at most 60 characters.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let rep: &str = match c {
            'ä' => "ae",
            'ö' => "oe",
            'ü' => "ue",
            'ß' => "ss",
            'à' | 'á' | 'â' | 'ã' | 'å' => "a",
            'è' | 'é' | 'ê' | 'ë' => "e",
            'ì' | 'í' | 'î' | 'ï' => "i",
            'ò' | 'ó' | 'ô' | 'õ' | 'ø' => "o",
            'ù' | 'ú' | 'û' => "u",
            'ç' => "c",
            'ñ' => "n",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            c if c.is_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        out.push_str(rep);
    }
    let mut slug = String::new();
    for part in out.split('-').filter(|p| !p.is_empty()) {
        if slug.chars().count() + part.chars().count() > 60 && !slug.is_empty() {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(part);
    }
    let slug: String = slug.chars().take(60).collect();
    if slug.is_empty() {
        "source".into()
    } else {
        slug
    }
}

/// The text without its `retrieved:` line (two saves of one document differ only there).
fn without_retrieved(text: &str) -> String {
    text.lines()
        .filter(|l| !l.starts_with("retrieved:"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `url:` of a Markdown file's front matter.
fn front_matter_url(text: &str) -> Option<String> {
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---")?;
    rest[..end].lines().find_map(|l| {
        l.strip_prefix("url:")
            .map(|u| u.trim().trim_matches('"').to_string())
    })
}

/// Writes atomically (a temporary file renamed over the target).
fn write(path: &Path, text: &str) -> std::io::Result<()> {
    let tmp = path.with_extension("md.tmp");
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// Saves `item` into `dir` (created when missing).
pub fn save(item: &Item, dir: &Path, retrieved: &str) -> Result<Saved, String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let text = item.to_markdown(Some(retrieved));
    // Same URL: update that file in place.
    if let Some(url) = &item.url {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        for f in files {
            let Ok(old) = std::fs::read_to_string(&f) else {
                continue;
            };
            if front_matter_url(&old).as_deref() == Some(url.as_str()) {
                if without_retrieved(&old) == without_retrieved(&text) {
                    return Ok(Saved {
                        path: f,
                        action: Action::Unchanged,
                        note: None,
                    });
                }
                write(&f, &text).map_err(|e| format!("cannot write {}: {e}", f.display()))?;
                return Ok(Saved {
                    path: f,
                    action: Action::Updated,
                    note: Some("same URL: updated in place".into()),
                });
            }
        }
    }
    let base = slug(item.title.as_deref().unwrap_or("source"));
    let mut note = None;
    for n in 1..1000 {
        let name = if n == 1 {
            format!("{base}.md")
        } else {
            format!("{base}-{n}.md")
        };
        let path = dir.join(&name);
        match std::fs::read_to_string(&path) {
            Ok(old) if without_retrieved(&old) == without_retrieved(&text) => {
                return Ok(Saved {
                    path,
                    action: Action::Unchanged,
                    note: None,
                });
            }
            Ok(_) => {
                note = Some(format!("{base}.md holds a different document"));
                continue;
            }
            Err(_) if path.exists() => continue,
            Err(_) => {
                write(&path, &text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                return Ok(Saved {
                    path,
                    action: Action::Created,
                    note,
                });
            }
        }
    }
    Err(format!(
        "no free file name for {base}.md in {}",
        dir.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, url: Option<&str>, text: &str) -> Item {
        Item {
            title: Some(title.into()),
            source: Some("Hafenkurier".into()),
            url: url.map(str::to_string),
            paragraphs: vec![text.into()],
            ..Item::default()
        }
    }

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Brücke: 40 Schiffe gestaut!"),
            "bruecke-40-schiffe-gestaut"
        );
        assert_eq!(slug("???"), "source");
        assert!(slug(&"wort ".repeat(40)).len() <= 60);
    }

    #[test]
    fn never_overwrites_a_different_document() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let a = save(&item("Brücke", None, "Eins."), dir.path(), "t1")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(a.action, Action::Created);
        let again = save(&item("Brücke", None, "Eins."), dir.path(), "t2")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (again.action, again.path.clone()),
            (Action::Unchanged, a.path.clone())
        );
        let other = save(&item("Brücke", None, "Zwei."), dir.path(), "t3")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(other.action, Action::Created);
        assert_ne!(other.path, a.path);
        assert!(other.note.is_some());
        // Same URL: updated in place.
        let u1 = save(
            &item("Hafen", Some("https://x.org/a"), "Alt."),
            dir.path(),
            "t4",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let u2 = save(
            &item("Hafen neu", Some("https://x.org/a"), "Neu."),
            dir.path(),
            "t5",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(u2.action, Action::Updated);
        assert_eq!(u1.path, u2.path);
        let text = std::fs::read_to_string(&u2.path).unwrap_or_default();
        assert!(text.contains("Neu.") && text.contains("retrieved: t5"));
    }
}
