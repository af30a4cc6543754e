//! `factlint source` and `factlint add`: reading sources in their own formats (files or URLs).

use crate::config::Config;
use crate::corpus::add::{self, Action};
use crate::corpus::fetch::FetchOptions;
use crate::corpus::readers::{Format, Item};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct SourceArgs {
    /// A source file (web page, NewsML, NITF, ninjs, digitalwires, IPTC 7901, feed, PDF, DOCX,
    /// Markdown) or an http(s) URL.
    pub input: String,
    #[arg(long, value_enum, default_value = "json")]
    pub format: SourceFormat,
    /// Seconds to wait for a URL.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// Largest download accepted from a URL, in bytes.
    #[arg(long, default_value_t = 20 * 1024 * 1024)]
    pub max_bytes: u64,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum SourceFormat {
    Json,
    Markdown,
}

#[derive(clap::Args, Debug)]
pub struct AddArgs {
    /// URLs (http, https) or files to add.
    #[arg(required = true)]
    pub inputs: Vec<String>,
    /// The corpus folder to save into (default: the first corpus folder of .factlint.toml).
    #[arg(long)]
    pub to: Option<PathBuf>,
    /// Config file (default: .factlint.toml found upward from the current folder).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Seconds to wait for each URL.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
    /// Largest download accepted from a URL, in bytes.
    #[arg(long, default_value_t = 20 * 1024 * 1024)]
    pub max_bytes: u64,
}

fn read_input(input: &str, timeout: u64, max_bytes: u64) -> Result<(Format, Vec<Item>), String> {
    let opts = FetchOptions {
        timeout: std::time::Duration::from_secs(timeout.max(1)),
        max_bytes,
        ..FetchOptions::default()
    };
    add::read_source(input, &opts)
}

fn json_of(i: &Item) -> serde_json::Value {
    let mut v = serde_json::json!({
        "title": i.title, "source": i.source, "url": i.url, "date": i.date, "lang": i.lang,
        "text": i.text(),
    });
    if i.summary_only {
        v["summary_only"] = serde_json::Value::Bool(true);
    }
    v
}

pub fn source(args: SourceArgs) -> anyhow::Result<i32> {
    let (format, items) =
        read_input(&args.input, args.timeout, args.max_bytes).map_err(|e| anyhow::anyhow!(e))?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        SourceFormat::Json => {
            let v = if items.len() == 1 && format != Format::Feed {
                json_of(&items[0])
            } else {
                serde_json::Value::Array(items.iter().map(json_of).collect())
            };
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        SourceFormat::Markdown => {
            for (n, i) in items.iter().enumerate() {
                if n > 0 {
                    writeln!(out)?;
                }
                write!(out, "{}", i.to_markdown(None))?;
            }
        }
    }
    Ok(0)
}

/// The corpus folder `add` saves into: `--to`, else the first corpus folder of the config.
fn target_dir(args: &AddArgs) -> anyhow::Result<PathBuf> {
    if let Some(d) = &args.to {
        return Ok(d.clone());
    }
    let config_path = match &args.config {
        Some(p) => Some(p.clone()),
        None => Config::discover(Path::new(".")),
    };
    let config = match &config_path {
        Some(p) => Config::load(p)?,
        None => {
            anyhow::bail!("no corpus folder: pass --to DIR or set corpus = [...] in .factlint.toml")
        }
    };
    add::corpus_folder(&config.corpus).ok_or_else(|| {
        anyhow::anyhow!("the config names no corpus folder to save into: pass --to DIR")
    })
}

pub fn add(args: AddArgs) -> anyhow::Result<i32> {
    let dir = target_dir(&args)?;
    let retrieved = add::now();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut failed = 0;
    for input in &args.inputs {
        let items = match read_input(input, args.timeout, args.max_bytes) {
            Ok((_, items)) => items,
            Err(e) => {
                eprintln!("factlint: {e}");
                failed += 1;
                continue;
            }
        };
        for item in &items {
            match add::save(item, &dir, &retrieved) {
                Ok(s) => {
                    let what = match s.action {
                        Action::Created => "added",
                        Action::Updated => "updated",
                        Action::Unchanged => "unchanged",
                    };
                    let note = s.note.map(|n| format!(" ({n})")).unwrap_or_default();
                    writeln!(out, "{what} {}{note}", s.path.display())?;
                }
                Err(e) => {
                    eprintln!("factlint: {input}: {e}");
                    failed += 1;
                }
            }
        }
    }
    Ok(if failed > 0 { super::EXIT_ERROR } else { 0 })
}
