"""The Slack layer: the only code that imports slack_bolt. It knows nothing of YAML; it asks
the engine for answers and renders them with bot.render.blocks."""
