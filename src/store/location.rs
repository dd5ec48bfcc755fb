//! Where the library lives: `--no-library` (nowhere), `--library FILE`, `$DOSSIER_LIBRARY`,
//! or `$XDG_DATA_HOME/dossier/library.db` (by default `~/.local/share/dossier/library.db`).

use std::ffi::OsString;
use std::path::PathBuf;

use etcetera::BaseStrategy;

/// The variable that names the library file, below `--library` and above the default.
pub const LIBRARY_VARIABLE: &str = "DOSSIER_LIBRARY";

/// Where the library is to be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// `--no-library`: no file is read or written.
    Nowhere,
    File(PathBuf),
}

#[derive(Debug, thiserror::Error)]
pub enum LocationError {
    #[error(
        "no home folder to keep the library in ({0}); name a file with --library or \
         {LIBRARY_VARIABLE}, or run with --no-library"
    )]
    NoHome(String),
}

/// Choose the library from the command line's flags and the variable's value (an empty value
/// counts as unset).
pub fn resolve(
    no_library: bool,
    flag: Option<PathBuf>,
    variable: Option<OsString>,
) -> Result<Location, LocationError> {
    if no_library {
        return Ok(Location::Nowhere);
    }
    if let Some(file) = flag {
        return Ok(Location::File(file));
    }
    if let Some(file) = variable.filter(|v| !v.is_empty()) {
        return Ok(Location::File(PathBuf::from(file)));
    }
    default_file().map(Location::File)
}

/// `$XDG_DATA_HOME/dossier/library.db`, by the XDG rules (a relative `XDG_DATA_HOME` is
/// ignored).
pub fn default_file() -> Result<PathBuf, LocationError> {
    let strategy =
        etcetera::choose_base_strategy().map_err(|err| LocationError::NoHome(err.to_string()))?;
    Ok(strategy.data_dir().join("dossier").join("library.db"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_over_the_variable_and_no_library_over_both() {
        let flag = Some(PathBuf::from("/tmp/flag.db"));
        let variable = Some(OsString::from("/tmp/variable.db"));
        assert_eq!(
            resolve(false, flag.clone(), variable.clone()).ok(),
            Some(Location::File(PathBuf::from("/tmp/flag.db")))
        );
        assert_eq!(
            resolve(false, None, variable.clone()).ok(),
            Some(Location::File(PathBuf::from("/tmp/variable.db")))
        );
        assert_eq!(resolve(true, flag, variable).ok(), Some(Location::Nowhere));
    }

    #[test]
    fn an_empty_variable_falls_back_to_the_data_folder() {
        let chosen = resolve(false, None, Some(OsString::new()));
        if let Ok(Location::File(path)) = chosen {
            assert!(path.ends_with("dossier/library.db"), "{}", path.display());
        } else {
            // Without a home folder the error must say how to name a file instead.
            let err = chosen.err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains("--library"), "{err}");
        }
    }
}
