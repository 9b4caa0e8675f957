"""Command-line tools behind `python bot.py ask` and `python bot.py export`."""
