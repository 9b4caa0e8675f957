"""Timed work: what is due (from storage) and the job callbacks that send it."""
