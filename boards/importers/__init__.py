"""Importers: pure parsers that turn pasted papers (minutes, action logs) into plain structures."""
