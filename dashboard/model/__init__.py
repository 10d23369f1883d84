"""What is true on a day: the state of the map, the front, the options and the words.
No Plotly, no Dash: everything else is built on these."""
