"""Durable state: TinyDB files behind a small repository API; the only code that names tables."""
