//! Reading the word lists of `data/`, compiled in with `include_str!`.

/// The entries of a one-entry-a-line list: lines trimmed, without blank
/// lines and `#` comments.
pub(crate) fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn blank_lines_and_comments_are_skipped() {
        let got: Vec<&str> = super::entries("# a list\n\n  le \n#x\nla\n").collect();
        assert_eq!(got, ["le", "la"]);
    }
}
