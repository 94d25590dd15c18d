"""Demo data: each domain's loader fills the demo database (`flask --app run demo load`)."""
