"""The map as Plotly figures (plain dicts): traces, look, insets, the timeline strip, and
the bundle the browser draws every day from. No Dash."""
