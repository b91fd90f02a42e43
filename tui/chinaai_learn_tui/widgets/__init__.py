"""The quiz's widgets: one answer input per question type, status line, feedback and source cards."""
