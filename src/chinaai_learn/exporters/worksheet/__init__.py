"""Teacher worksheets: versions A, B, … of selected questions as PDF, HTML and Markdown, with answer keys."""

from .export import FORMATS, export_worksheet

__all__ = ["FORMATS", "export_worksheet"]
