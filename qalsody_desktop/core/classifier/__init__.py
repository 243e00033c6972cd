"""The document classifier's parts: page features, the naive Bayes model, the clinic's local
model learned from corrections. ``core.classify`` is the API the rest of the app calls."""
