"""The quiz's screens: start, question, feedback, results, help and confirmation."""
