"""rte-bot: answers questions about delivery roles from a curated, sourced knowledge base."""

__version__ = "0.1.0"
