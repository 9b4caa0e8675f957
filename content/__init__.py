"""What the bot says: lesson and FAQ files, message texts, and their loaders and validators."""
