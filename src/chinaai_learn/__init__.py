"""chinaai-learn: question banks about China and AI, cited from their sources, with many outputs."""

__version__ = "0.1.0"
