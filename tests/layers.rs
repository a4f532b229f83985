//! The import graph of `src/`: every module imports only from layers below
//! its own, and no two files import each other. Run with `--nocapture` to
//! see the graph.
//!
//! The layers, lowest first. A module may use any module of a lower layer,
//! none of its own layer or above: `cli` stands beside `app`, and neither
//! may use the other.
#![allow(clippy::expect_used, clippy::unwrap_used)] // tests may stop at the first surprise

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: &[&[&str]] = &[
    &["action", "clean", "files", "xdg"],
    &["article", "keymap"],
    &["order", "packed"],
    &["html"],
    &["corpus", "layout", "state"],
    // Saved views in config.toml are read in the filter language.
    &["search"],
    &["config"],
    &["feeds", "geometry"],
    &["fetch"],
    &["app", "cli"],
    &["ui"],
    &["runtime"],
    &["tui"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Every `.rs` file under `dir`, tests excepted (they may reach anywhere).
fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            if !name.ends_with("tests") && name != "tests" {
                out.push(path);
            }
        }
    }
}

/// A file's module path (`corpus/json.rs` is `corpus::json`).
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect()
}

/// The module paths a file names with `crate::` or `super::`, outside
/// `pub use` (a module's own interface) and `mod` lines, resolved to
/// the files that exist.
fn imports(text: &str, me: &[String], files: &BTreeSet<Vec<String>>) -> BTreeSet<Vec<String>> {
    let mut out = BTreeSet::new();
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//")
            || line.starts_with("pub use")
            || line.starts_with("pub(crate) use")
        {
            continue;
        }
        for (at, _) in line
            .match_indices("crate::")
            .chain(line.match_indices("super::"))
        {
            let mut path: Vec<String> = if line[at..].starts_with("crate::") {
                Vec::new()
            } else {
                me[..me.len().saturating_sub(1)].to_vec()
            };
            let rest = line[at..].split_once("::").map_or("", |(_, rest)| rest);
            let mut candidate = None;
            for part in rest.split("::") {
                let name: String = part
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if name.is_empty() {
                    break;
                }
                path.push(name);
                if files.contains(&path) {
                    candidate = Some(path.clone());
                }
            }
            if let Some(target) = candidate.filter(|t| t != me) {
                out.insert(target);
            }
        }
    }
    out
}

#[test]
fn modules_import_only_from_layers_below_and_files_never_from_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let modules: BTreeSet<Vec<String>> = files.iter().map(|f| module_path(&src, f)).collect();
    let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    for file in &files {
        let me = module_path(&src, file);
        if me[0] == "bin" || me[0] == "main" || me[0] == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(file).unwrap();
        graph.insert(me.clone(), imports(&text, &me, &modules));
    }
    let mut problems = Vec::new();
    for (from, targets) in &graph {
        let from_layer = layer_of(&from[0]);
        for to in targets {
            println!("{} -> {}", from.join("::"), to.join("::"));
            if from[0] != to[0] {
                match (from_layer, layer_of(&to[0])) {
                    (Some(a), Some(b)) if b < a => {}
                    (None, _) | (_, None) => {
                        problems.push(format!("{} or {} has no layer", from[0], to[0]))
                    }
                    _ => problems.push(format!(
                        "{} imports {}, a layer not below it",
                        from.join("::"),
                        to.join("::")
                    )),
                }
            }
            // A parent declares its children; a child may use its parent.
            let parent_of =
                |a: &Vec<String>, b: &Vec<String>| b.len() == a.len() + 1 && b.starts_with(a);
            let back = graph.get(to).is_some_and(|t| t.contains(from));
            if back && from < to && !parent_of(from, to) && !parent_of(to, from) {
                problems.push(format!(
                    "{} and {} import each other",
                    from.join("::"),
                    to.join("::")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
