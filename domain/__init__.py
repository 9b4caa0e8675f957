"""Pure logic: schedule arithmetic, FAQ matching, check-in statistics (no telegram, no tinydb)."""
