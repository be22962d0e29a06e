"""Understanding: analyzers (sentiment, intent, ...), text normalisation, model loading."""
