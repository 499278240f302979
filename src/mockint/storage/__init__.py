"""Files and the database: decks, history, settings, import and export. No Textual here."""
