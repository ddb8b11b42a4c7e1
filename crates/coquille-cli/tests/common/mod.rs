//! What the command-line tests share: where the repository and the sample
//! are, and the real `coquille` binary ready to run.

#![allow(dead_code)] // each user takes what it needs

use assert_cmd::Command;
use std::path::Path;

/// The repository root: commands run there, as the README's do.
pub const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The bundled sample, relative to [`ROOT`].
pub const SAMPLE: &str = "data/samples/allinfo-poutine-bielorussie.txt";

/// The `coquille` binary, run in `dir`, with `NO_COLOR` and `CLICOLOR_FORCE`
/// left out so that colour follows the flags under test.
pub fn coquille_in(dir: impl AsRef<Path>) -> Command {
    let mut cmd = Command::cargo_bin("coquille").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .current_dir(dir);
    cmd
}

/// The `coquille` binary, run at the repository root.
pub fn coquille() -> Command {
    coquille_in(ROOT)
}
