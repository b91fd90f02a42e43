"""The Textual terminal quiz for chinaai-learn (imports chinaai_learn, never the reverse)."""
