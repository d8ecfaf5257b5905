"""The Textual app. Only ``okrtui`` with no sub-command imports this package."""
