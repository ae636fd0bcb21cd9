"""The headless core: corpus, analysis, index, state. Never imports textual or rich."""
