"""The evidence kit: attached documents, what was read from them, and how they are checked."""
