"""kg: knowledge graphs from French news, with evidence for every fact."""

__version__ = "0.1.0"
