"""Printed answer sheets for a worksheet's choice questions, and marking them from scans or photos.

``layout`` is the geometry both sides share (no image library); ``sheet`` writes the sheet
(typst); ``scan`` reads filled sheets (OpenCV, the optional ``scan`` extra); ``marking``
grades what was read with the project's own scoring rules.
"""
