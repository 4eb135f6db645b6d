//! `presslens tokeval` (being implemented).

pub fn run(_args: &[String]) -> Result<(), String> {
    Err("`tokeval` is not available yet".into())
}
