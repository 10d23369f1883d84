"""Maps to files: PNG, SVG and PDF through Chromium, the print layout and caption, GIS
files, the standalone HTML page, the export queue and the `run.py export` command."""
