"""Files the bot makes for instructors: the check-in chart (PNG) and the CSV exports.

Pure producers of bytes: they take records and statistics (domain/) and the words to use
(content/), and import neither ``telegram`` nor ``tinydb``; handlers/ and cli/ send or save them.
"""
