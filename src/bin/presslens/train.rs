//! `presslens train` (being implemented).

pub fn run(_args: &[String]) -> Result<(), String> {
    Err("`train` is not available yet".into())
}
