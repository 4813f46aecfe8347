"""Date and number formats where Draftroom differs from Django's defaults (FORMAT_MODULE_PATH)."""
