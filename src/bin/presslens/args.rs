//! Flags of every subcommand, parsed by `lexopt`: `--flag VALUE` or `--flag=VALUE`, and plain
//! arguments. An unknown flag, a missing or malformed value, or a stray argument is an error
//! that names it and shows the subcommand's usage.

use std::str::FromStr;

pub use lexopt::Arg::{Long, Value};

/// A subcommand's arguments, with its usage for error messages.
pub struct Args {
    parser: lexopt::Parser,
    usage: &'static str,
}

impl Args {
    pub fn new(args: &[String], usage: &'static str) -> Args {
        Args {
            parser: lexopt::Parser::from_args(args.iter()),
            usage,
        }
    }

    /// The next flag or plain argument, or `None` at the end.
    pub fn next(&mut self) -> Result<Option<lexopt::Arg<'_>>, String> {
        let usage = self.usage;
        self.parser.next().map_err(|e| with_usage(e, usage))
    }

    /// The value of the flag just read, as text.
    pub fn string(&mut self, flag: &str) -> Result<String, String> {
        let usage = self.usage;
        let v = self.parser.value().map_err(|e| with_usage(e, usage))?;
        v.into_string()
            .map_err(|v| format!("--{flag}: {v:?} is not valid UTF-8\n{usage}"))
    }

    /// The value of the flag just read, parsed as a number.
    pub fn number<T: FromStr>(&mut self, flag: &str) -> Result<T, String> {
        let v = self.string(flag)?;
        v.parse()
            .map_err(|_| format!("--{flag} expects a whole number, got {v:?}"))
    }

    /// The value of the flag just read, parsed as a probability in [0, 1).
    pub fn probability(&mut self, flag: &str) -> Result<f64, String> {
        let q = self.string(flag)?;
        q.parse::<f64>()
            .ok()
            .filter(|q| (0.0..1.0).contains(q))
            .ok_or_else(|| format!("--{flag} expects a probability in 0..1, got {q:?}"))
    }

    /// The error for a required flag that was not given.
    pub fn missing(&self, flag: &str) -> String {
        format!("missing --{flag}\n{}", self.usage)
    }
}

/// The error for an argument a subcommand does not take (`usage` is the subcommand's).
pub fn unexpected(arg: lexopt::Arg<'_>, usage: &str) -> String {
    with_usage(arg.unexpected(), usage)
}

fn with_usage(e: lexopt::Error, usage: &str) -> String {
    format!("{e}\n{usage}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Args {
        let owned: Vec<String> = a.iter().map(|s| s.to_string()).collect();
        Args::new(&owned, "usage: presslens test --n N")
    }

    #[test]
    fn flags_take_values_both_ways_and_numbers_are_checked() {
        let mut a = args(&["--n", "3", "--n=4", "--n", "x"]);
        let mut got = Vec::new();
        while let Some(arg) = a.next().unwrap() {
            match arg {
                Long("n") => match a.number::<u32>("n") {
                    Ok(n) => got.push(n),
                    Err(e) => {
                        assert_eq!(e, "--n expects a whole number, got \"x\"");
                        break;
                    }
                },
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(got, [3, 4]);
    }

    #[test]
    fn probabilities_are_checked_to_lie_in_0_to_1() {
        let mut a = args(&["--q", "0.5", "--q", "1.5", "--q", "x"]);
        let mut got = Vec::new();
        while let Some(arg) = a.next().unwrap() {
            match arg {
                Long("q") => got.push(a.probability("q")),
                other => panic!("unexpected {other:?}"),
            }
        }
        assert_eq!(got[0], Ok(0.5));
        for e in &got[1..] {
            let e = e.as_ref().unwrap_err();
            assert!(e.contains("--q expects a probability"), "{e}");
        }
    }

    #[test]
    fn an_unknown_flag_is_named_with_the_usage() {
        let mut a = args(&["--gazetteer"]);
        let arg = a.next().unwrap().unwrap();
        let e = unexpected(arg, "usage: presslens test --n N");
        assert!(
            e.contains("--gazetteer") && e.ends_with("usage: presslens test --n N"),
            "{e}"
        );
        let mut a = args(&["--n"]);
        a.next().unwrap();
        let e = a.string("n").unwrap_err();
        assert!(e.contains("--n") && e.contains("usage:"), "{e}");
    }
}
