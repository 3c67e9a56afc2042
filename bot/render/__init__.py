"""Renderers: one Answer, three forms (terminal text, JSON, Slack Block Kit). None of them decides
anything; they only lay out what the engine answered."""
